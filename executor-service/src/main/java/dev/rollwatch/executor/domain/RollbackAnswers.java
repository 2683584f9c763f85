package dev.rollwatch.executor.domain;

import dev.rollwatch.events.StepCompleted.Action;
import dev.rollwatch.events.StepCompleted.Outcome;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.StepCompleted.RollbackAnswer;
import dev.rollwatch.events.Weights;

/**
 * How a rollout that has ended answers a rollback decision it will not carry out: once per attempt, with
 * a rollback step whose {@link RollbackAnswer} says what the decision did, so the rollback-service stops
 * waiting for a restore that will never come and people read why nothing changed.
 *
 * @param status          where the rollout ended
 * @param restoredAttempt the highest rollback attempt whose restore ran (0: none)
 * @param restoreFailed   whether the last restore did not succeed
 * @param answeredAttempt the highest attempt already answered without a restore
 * @param weights         the weights in force
 */
record RollbackAnswers(
        RolloutStatus status, int restoredAttempt, boolean restoreFailed, int answeredAttempt, Weights weights) {

    /**
     * The answer to a rollback of a promoted or failed release, or null when the rollback must be
     * carried out (a re-trigger after a failure's restore restores again, like any re-trigger).
     */
    Decision ended(Restore request) {
        if (request.attempt() <= answeredAttempt) {
            return Decision.ignored("rollback attempt " + request.attempt() + " was already answered");
        }
        if (status == RolloutStatus.COMPLETED) {
            // Failed, not succeeded: nothing was restored, and on purpose.
            return answer(
                    request,
                    Outcome.FAILED,
                    RollbackAnswer.TOO_LATE,
                    "too late: the release was already promoted, so the new version is the stable one and nothing "
                            + "was restored; release the previous version to go back");
        }
        if (restoredAttempt == 0) {
            return answer(
                    request,
                    Outcome.SUCCEEDED,
                    RollbackAnswer.NOTHING_CHANGED,
                    "nothing to restore: the release failed before it changed anything, so the stable state is in "
                            + "force");
        }
        if (request.attempt() <= restoredAttempt) {
            return restoreFailed
                    ? answer(
                            request,
                            Outcome.FAILED,
                            RollbackAnswer.FAILED,
                            "the release had already failed and restoring its stable state then did not succeed; "
                                    + "nothing was restored now")
                    : answer(
                            request,
                            Outcome.SUCCEEDED,
                            RollbackAnswer.NOTHING_CHANGED,
                            "nothing more to restore: the stable state was already restored when the release failed");
        }
        return null;
    }

    /** The answer to a rollback of a release a newer release of the same Deployment has replaced. */
    Decision superseded(Restore request, String newerRelease) {
        if (request.attempt() <= answeredAttempt) {
            return Decision.ignored("rollback attempt " + request.attempt() + " was already answered");
        }
        boolean restoredItself = status == RolloutStatus.ROLLED_BACK || status == RolloutStatus.ABORTED;
        if (restoredItself && request.attempt() <= restoredAttempt) {
            return Decision.ignored("the stable state was already restored (attempt " + restoredAttempt + ")");
        }
        // The stable state had been brought back (or, for a release that failed before any change, never
        // left); a promoted release, or a restore that did not succeed, never restored it.
        boolean stableWasInForce = status != RolloutStatus.COMPLETED
                && (restoredAttempt > 0 ? !restoreFailed : status == RolloutStatus.FAILED);
        return answer(
                request,
                stableWasInForce ? Outcome.SUCCEEDED : Outcome.FAILED,
                RollbackAnswer.SUPERSEDED,
                "superseded by release " + newerRelease + "; nothing changed (" + newerRelease
                        + " started on the same Deployment after this release ended; restoring this release's "
                        + "stable state now would undo it)");
    }

    /** The phase a rollout that ended in {@code status} reports. */
    static Phase finalPhase(RolloutStatus status) {
        return switch (status) {
            case COMPLETED -> Phase.COMPLETED;
            case ROLLED_BACK -> Phase.ROLLED_BACK;
            case ABORTED -> Phase.ABORTED;
            default -> Phase.FAILED;
        };
    }

    private Decision answer(Restore request, Outcome outcome, RollbackAnswer answer, String why) {
        return Decision.applied(
                "rollback attempt " + request.attempt() + " answered: " + why,
                new StepReport(
                        -1,
                        Action.ROLLBACK,
                        outcome,
                        finalPhase(status),
                        weights,
                        request.requestedAt(),
                        request.requestedAt(),
                        request.reason() + "; " + why,
                        answer));
    }
}
