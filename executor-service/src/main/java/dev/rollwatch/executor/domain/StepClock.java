package dev.rollwatch.executor.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The current step's timers: when it started, when the executor must next act, and when a step that
 * is still not ready fails. Kept apart from {@link Rollout} so the deadline rules live in one place: a
 * step's deadline runs from its first application (not from when it became due), and no readiness
 * check or retry is scheduled past it. Mutable, like the rollout that owns it.
 */
final class StepClock {

    /** The longest wait between two tries of a failed restore. */
    static final Duration MAX_RESTORE_BACKOFF = Duration.ofMinutes(1);

    private final Timing timing;
    private Instant startedAt;
    private Instant dueAt;
    private Instant deadlineAt;

    StepClock(Timing timing, Instant startedAt, Instant dueAt, Instant deadlineAt) {
        this.timing = timing;
        this.startedAt = startedAt;
        this.dueAt = dueAt;
        this.deadlineAt = deadlineAt;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** When the step started, or {@code fallback} if it never did (e.g. it was done on first try). */
    Instant startedOr(Instant fallback) {
        return startedAt != null ? startedAt : fallback;
    }

    Instant dueAt() {
        return dueAt;
    }

    Instant deadlineAt() {
        return deadlineAt;
    }

    /** Whether the executor must act at {@code now}. */
    boolean isDue(Instant now) {
        return dueAt != null && !now.isBefore(dueAt);
    }

    /** The executor must act at {@code at} (null: nothing is due until something happens). */
    void due(Instant at) {
        dueAt = at;
    }

    /** A step to apply at {@code at} begins: its deadline starts when it is first applied. */
    void step(Instant at) {
        startedAt = null;
        deadlineAt = null;
        dueAt = at;
    }

    /** A pause step begins {@code now}; it ends at {@code until} (null: when an operator says so). */
    void pause(Instant now, Instant until) {
        startedAt = now;
        deadlineAt = null;
        dueAt = until;
    }

    /** Nothing is due any more (the release ended). */
    void stop() {
        dueAt = null;
        deadlineAt = null;
    }

    /** The step was applied (again) {@code now}: starts its deadline the first time; true once it passed. */
    boolean overdue(Instant now) {
        if (startedAt == null) {
            startedAt = now;
        }
        if (deadlineAt == null) {
            deadlineAt = startedAt.plus(timing.stepDeadline());
        }
        return !now.isBefore(deadlineAt);
    }

    /** The next readiness check, never after the deadline. */
    void checkAgain(Instant now) {
        dueAt = min(now.plus(timing.checkInterval()), deadlineAt);
    }

    /** The next try after a transient error, never after the step's deadline. */
    void retryWithinDeadline(Instant now) {
        dueAt = min(now.plus(timing.retryDelay()), deadlineAt);
    }

    /** The next try after a transient error of work that has its own deadline (see {@link #expired}). */
    void retry(Instant now) {
        dueAt = now.plus(timing.retryDelay());
    }

    /**
     * The next try of a restore that failed, requested at {@code requestedAt}: a quarter of the time it has
     * been failing, at least the retry delay and at most {@link #MAX_RESTORE_BACKOFF}. The API server of a
     * brownout is not hammered, and a restore that becomes possible again (an object recreated by hand)
     * is carried out within a minute.
     */
    void retryRestore(Instant requestedAt, Instant now) {
        Duration failing = Duration.between(requestedAt, now).dividedBy(4);
        Duration wait = failing.compareTo(timing.retryDelay()) < 0 ? timing.retryDelay() : failing;
        dueAt = now.plus(wait.compareTo(MAX_RESTORE_BACKOFF) > 0 ? MAX_RESTORE_BACKOFF : wait);
        deadlineAt = null;
    }

    /** Whether one step deadline has passed since {@code since}. */
    boolean expired(Instant since, Instant now) {
        return !now.isBefore(since.plus(timing.stepDeadline()));
    }

    /** The step deadline, for people. */
    String deadline() {
        return Rollout.format(timing.stepDeadline());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
