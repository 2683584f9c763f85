package dev.rollwatch.executor.domain;

import java.time.Instant;

/**
 * A pending restore of the stable state.
 *
 * @param kind        why
 * @param reason      one line for people
 * @param attempt     the rollback decision's attempt (1, or 2 for the re-trigger); 1 for failures
 * @param requestedAt when it was asked for; the restore's own deadline runs from here
 */
public record Restore(Kind kind, String reason, int attempt, Instant requestedAt) {

    public enum Kind {
        /** The rollback-service decided to roll back. */
        ROLLBACK,
        /** An operator aborted (the rollback-service's decision with reason manualAbort). */
        ABORT,
        /** A step failed; the release ends FAILED. */
        FAILURE
    }
}
