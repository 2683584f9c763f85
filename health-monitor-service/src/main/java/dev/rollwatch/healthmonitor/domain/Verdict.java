package dev.rollwatch.healthmonitor.domain;

/** What one window says about the new version. Only DEGRADED ever counts toward a rollback. */
public enum Verdict {
    /** Enough requests, every SLO met. */
    HEALTHY,
    /** Enough requests and at least one SLO broken. */
    DEGRADED,
    /** Fewer requests than the minimum: too little to judge, never a rollback. */
    INSUFFICIENT_DATA,
    /** The source could not measure (unreachable, empty, NaN): never a rollback. */
    UNKNOWN
}
