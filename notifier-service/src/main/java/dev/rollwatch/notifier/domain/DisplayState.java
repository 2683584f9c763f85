package dev.rollwatch.notifier.domain;

import dev.rollwatch.events.ReleaseState;

/**
 * Where a release stands as people should see it on its parent message. Finer than the
 * release-service's lifecycle where it matters to people (a verified or unverified restore, a
 * frozen release), and derived only from the events the notifier consumes.
 */
public enum DisplayState {
    REQUESTED(Tone.NEUTRAL, false),
    PROGRESSING(Tone.INFO, false),
    PAUSED(Tone.WARNING, false),
    DEGRADED(Tone.WARNING, false),
    FROZEN(Tone.WARNING, false),
    ROLLING_BACK(Tone.DANGER, false),
    ROLLED_BACK(Tone.DANGER, false),
    RESTORE_VERIFIED(Tone.DANGER, true),
    RESTORE_UNVERIFIED(Tone.CRITICAL, false),
    /** The executor could not restore the previous version and keeps trying; someone may have to act. */
    RESTORE_FAILED(Tone.CRITICAL, false),
    SUCCEEDED(Tone.SUCCESS, true),
    FAILED(Tone.DANGER, true),
    ABORTED(Tone.DANGER, true);

    private final Tone tone;
    private final boolean settled;

    DisplayState(Tone tone, boolean settled) {
        this.tone = tone;
        this.settled = settled;
    }

    public Tone tone() {
        return tone;
    }

    /** Nothing but a new rollback decision moves a settled release again. */
    public boolean settled() {
        return settled;
    }

    /** Once a rollback started, steps reported late (topics are ordered independently) no longer move the state. */
    public boolean inRollback() {
        return this == ROLLING_BACK
                || this == ROLLED_BACK
                || this == RESTORE_VERIFIED
                || this == RESTORE_UNVERIFIED
                || this == RESTORE_FAILED;
    }

    /**
     * The release's state in this display state, for the outcome rule shared with the release-service
     * ({@code ReleaseOutcome}): a breach or a freeze is shown, but the release still runs; a restore being
     * verified has ended rolled back.
     */
    public ReleaseState release() {
        return switch (this) {
            case REQUESTED -> ReleaseState.PENDING;
            case PROGRESSING, DEGRADED -> ReleaseState.PROGRESSING;
            case PAUSED, FROZEN -> ReleaseState.PAUSED;
            case ROLLING_BACK -> ReleaseState.ROLLING_BACK;
            case RESTORE_FAILED -> ReleaseState.RESTORE_FAILED;
            case ROLLED_BACK, RESTORE_VERIFIED, RESTORE_UNVERIFIED -> ReleaseState.ROLLED_BACK;
            case SUCCEEDED -> ReleaseState.SUCCEEDED;
            case FAILED -> ReleaseState.FAILED;
            case ABORTED -> ReleaseState.ABORTED;
        };
    }

    /** The template name of the parent message's status line in this state. */
    public String templateName() {
        return "parent." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
