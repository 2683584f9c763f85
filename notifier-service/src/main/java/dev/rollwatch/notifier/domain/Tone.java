package dev.rollwatch.notifier.domain;

/** How good or bad a piece of news is; channels turn it into a colour, an emoji or a status. */
public enum Tone {
    NEUTRAL,
    INFO,
    SUCCESS,
    WARNING,
    DANGER,
    /** People must act now (e.g. a restore that could not be verified). */
    CRITICAL
}
