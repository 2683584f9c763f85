package dev.rollwatch.rollback.domain;

/** What became of a degraded signal or an abort command. */
public enum InputEffect {
    /** It made (or changed) the release's decision. */
    DECIDED,
    /** It was recorded and changed nothing: a decision was already made, or the release had finished. */
    RECORDED,
    /** It waits for the release's request (its policy) until a due time. */
    DEFERRED
}
