package dev.rollwatch.executor.domain;

/** Where the executor stands with a release. */
public enum RolloutStatus {
    /** A rollback or command arrived before the release request (topics are ordered independently). */
    AWAITING_REQUEST,
    /** Requested; the stable state is not recorded yet, nothing was changed. */
    PENDING,
    /** Steps are running. */
    RUNNING,
    /** Promoted: the new version is the stable one. */
    COMPLETED,
    /** A step failed (or the release was refused) and the stable state was restored. */
    FAILED,
    /** Rolled back on the rollback-service's decision. */
    ROLLED_BACK,
    /** Aborted by an operator (through the rollback-service). */
    ABORTED,
    /**
     * Restoring the stable state failed: it is tried again with backoff until it succeeds (then the
     * release ends as the restore's kind says) or an operator resolves the release (then it is FAILED).
     * Not terminal: the Deployment stays this release's, so no other release starts over half-restored
     * objects.
     */
    RESTORE_FAILED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == ROLLED_BACK || this == ABORTED;
    }
}
