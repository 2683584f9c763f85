package dev.rollwatch.executor.domain;

import dev.rollwatch.events.Weights;
import java.time.Instant;

/**
 * A rollout's restores of its stable state: the one waiting to be carried out, and what the earlier
 * ones did. Kept apart from {@link Rollout} because whether a rollback decision restores anything is a
 * matter of attempts and of how the release ended, not of its steps: each attempt is carried out or
 * answered (see {@link RollbackAnswers}) exactly once.
 */
final class Restores {

    private Restore pending;
    private int restoredAttempt;
    private boolean restoreFailed;
    private int answeredAttempt;

    Restores(Restore pending, int restoredAttempt, boolean restoreFailed, int answeredAttempt) {
        this.pending = pending;
        this.restoredAttempt = restoredAttempt;
        this.restoreFailed = restoreFailed;
        this.answeredAttempt = answeredAttempt;
    }

    /** The restore waiting to be carried out, or null. */
    Restore pending() {
        return pending;
    }

    boolean isPending() {
        return pending != null;
    }

    int restoredAttempt() {
        return restoredAttempt;
    }

    boolean restoreFailed() {
        return restoreFailed;
    }

    int answeredAttempt() {
        return answeredAttempt;
    }

    /** A step failed {@code now}: the stable state is restored next. */
    void failure(String reason, Instant now) {
        pending = new Restore(Restore.Kind.FAILURE, reason, 1, now);
    }

    /** The release changed nothing: a restore kept from an early rollback signal has nothing to do. */
    void drop() {
        pending = null;
    }

    /**
     * The answer to a rollback decision that is not carried out, for a release in {@code status} with
     * {@code weights} in force; null when it must be (then {@link #schedule} it). {@code newerRelease},
     * if not null, started on the same Deployment after this release.
     */
    Decision declined(Restore request, String newerRelease, RolloutStatus status, Weights weights) {
        RollbackAnswers answers = new RollbackAnswers(status, restoredAttempt, restoreFailed, answeredAttempt, weights);
        if (newerRelease != null && status.isTerminal() && pending == null) {
            return answered(answers.superseded(request, newerRelease), request);
        }
        if (status == RolloutStatus.COMPLETED || status == RolloutStatus.FAILED) {
            Decision answer = answered(answers.ended(request), request);
            if (answer != null) {
                return answer;
            }
        }
        if (status.isTerminal() && request.attempt() <= restoredAttempt) {
            return Decision.ignored("the stable state was already restored (attempt " + restoredAttempt + ")");
        }
        if (pending != null && pending.kind() != Restore.Kind.FAILURE) {
            return Decision.ignored("a restore is already under way");
        }
        return null;
    }

    /**
     * Schedules a rollback {@link #declined} let through. It replaces a failed step's pending restore: the
     * decision explains the outcome better, but the restore keeps its deadline.
     */
    Restore schedule(Restore request) {
        pending = pending == null
                ? request
                : new Restore(request.kind(), request.reason(), request.attempt(), pending.requestedAt());
        return pending;
    }

    /** The pending restore was carried out ({@code failed}: without success); returns it. */
    Restore ended(boolean failed) {
        Restore done = pending;
        pending = null;
        restoredAttempt = Math.max(restoredAttempt, done.attempt());
        restoreFailed = failed;
        return done;
    }

    /** Where a release ends once a restore of {@code kind} was carried out. */
    static RolloutStatus endsIn(Restore.Kind kind) {
        return switch (kind) {
            case ROLLBACK -> RolloutStatus.ROLLED_BACK;
            case ABORT -> RolloutStatus.ABORTED;
            case FAILURE -> RolloutStatus.FAILED;
        };
    }

    /** Keeps an answer's attempt so each attempt is answered once. */
    private Decision answered(Decision decision, Restore request) {
        if (decision != null && decision.applied()) {
            answeredAttempt = request.attempt();
        }
        return decision;
    }
}
