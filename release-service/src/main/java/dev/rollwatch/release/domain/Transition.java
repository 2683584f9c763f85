package dev.rollwatch.release.domain;

/**
 * What an event did to a release. Every event is recorded in the release's history with its effect.
 *
 * @param effect   applied, noted or ignored
 * @param progress the release's progress after the event (unchanged unless applied)
 * @param note     a line for the history explaining the effect
 */
public record Transition(Effect effect, ReleaseProgress progress, String note) {

    public enum Effect {
        /** The event changed the release. */
        APPLIED,
        /** Recorded for the audit trail; it changes nothing by design (commands, our own echoes). */
        NOTED,
        /** It did not fit the release's state (e.g. a step reported after the release ended): recorded, not applied. */
        IGNORED
    }

    static Transition applied(ReleaseProgress progress, String note) {
        return new Transition(Effect.APPLIED, progress, note);
    }

    static Transition noted(ReleaseProgress unchanged, String note) {
        return new Transition(Effect.NOTED, unchanged, note);
    }

    static Transition ignored(ReleaseProgress unchanged, String note) {
        return new Transition(Effect.IGNORED, unchanged, note);
    }

    public boolean changed() {
        return effect == Effect.APPLIED;
    }
}
