package dev.rollwatch.executor.domain;

/** Where the current step stands. */
public enum Stage {
    /** Not applied yet; applied when due. */
    START,
    /** Applied; waiting for the workload to become ready (until the step's deadline). */
    WAIT_READY,
    /** A timed pause; it ends when due. */
    TIMER,
    /** Held until an operator resumes or promotes. */
    HOLD,
    /**
     * Waiting for the health monitor to judge the new version HEALTHY at the exposure in force before
     * the step starts (or, on a final bake, before the release completes); an operator's resume or
     * promote waives it.
     */
    VERDICT
}
