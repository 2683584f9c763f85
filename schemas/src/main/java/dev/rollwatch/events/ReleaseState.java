package dev.rollwatch.events;

/** The lifecycle of a release as the release-service records it. */
public enum ReleaseState {
    PENDING,
    PROGRESSING,
    PAUSED,
    SUCCEEDED,
    ROLLING_BACK,
    /**
     * Restoring the stable state failed and is being tried again: the old version may still have traffic.
     * Not terminal: it blocks new releases of the application until the restore succeeds or an operator
     * resolves it.
     */
    RESTORE_FAILED,
    ROLLED_BACK,
    FAILED,
    ABORTED;

    /** A terminal state never changes again. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == ROLLED_BACK || this == FAILED || this == ABORTED;
    }
}
