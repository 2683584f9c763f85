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
    HOLD
}
