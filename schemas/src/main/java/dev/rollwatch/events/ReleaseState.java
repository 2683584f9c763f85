package dev.rollwatch.events;

/** The lifecycle of a release as the release-service records it. */
public enum ReleaseState {
    PENDING,
    PROGRESSING,
    PAUSED,
    SUCCEEDED,
    ROLLING_BACK,
    ROLLED_BACK,
    FAILED,
    ABORTED;

    /** A terminal state never changes again. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == ROLLED_BACK || this == FAILED || this == ABORTED;
    }
}
