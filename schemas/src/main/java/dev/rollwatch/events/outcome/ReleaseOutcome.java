package dev.rollwatch.events.outcome;

import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.StepCompleted.RollbackAnswer;
import java.util.Optional;

/**
 * The one rule for what the executor's reports and the rollback-service's decisions mean for a
 * release's outcome. The release-service (its API and {@code release.status}) and the notifier (the
 * Slack thread and the status page) both apply it, so people read the same outcome everywhere.
 *
 * <ul>
 *   <li>A terminal state never changes again: a late step, decision or answer is a fact for the
 *       history, not a new outcome.
 *   <li>A rollback decision starts a rollback only of a release that has not ended.
 *   <li>A rollback step ends a rollback by the executor's {@link RollbackAnswer}: restored → rolled
 *       back (or aborted, for an operator's abort); failed → restore failed while the executor keeps
 *       trying (phase {@code restoreFailed}), failed once it stopped (an operator resolved it); too late
 *       → succeeded (the new version was promoted and stays); nothing changed or superseded → the phase
 *       the executor reports.
 *   <li>A release whose restore failed is not over: it blocks its application, and neither a new
 *       decision nor a step other than the restore's end changes it.
 *   <li>Any other step moves the release to its phase, except that while it rolls back only the end
 *       of the release counts (a promotion that beat the decision ends it as succeeded).
 * </ul>
 */
public final class ReleaseOutcome {

    private ReleaseOutcome() {}

    /** Whether a rollback decision starts (or re-triggers) a rollback of a release in {@code current}. */
    public static boolean startsRollback(ReleaseState current) {
        return !current.isTerminal() && current != ReleaseState.RESTORE_FAILED;
    }

    /** Why a release is in {@link ReleaseState#RESTORE_FAILED}, in the words the API and Slack both use. */
    public static final String RESTORE_FAILED_SUMMARY = "restoring the previous version failed; Rollwatch keeps"
            + " trying until it succeeds, or until someone who put the cluster right by hand resolves the release";

    /** The state a step report moves a release in {@code current} to; empty when it does not move it. */
    public static Optional<ReleaseState> afterStep(ReleaseState current, StepCompleted step) {
        if (current.isTerminal()) {
            return Optional.empty();
        }
        if (step.action() == StepCompleted.Action.ROLLBACK) {
            return Optional.of(afterRollback(answerOf(step), step.phase()));
        }
        ReleaseState reported = of(step.phase());
        boolean restoring = current == ReleaseState.ROLLING_BACK || current == ReleaseState.RESTORE_FAILED;
        if (restoring && !reported.isTerminal() && reported != ReleaseState.RESTORE_FAILED) {
            // A step the executor finished before the decision reached it: the rollback is what counts.
            return Optional.empty();
        }
        return Optional.of(reported);
    }

    /** A rollback step's answer; for a step of an executor that predates the field, read off its phase and outcome. */
    public static RollbackAnswer answerOf(StepCompleted step) {
        if (step.rollback() != null) {
            return step.rollback();
        }
        boolean succeeded = step.outcome() == StepCompleted.Outcome.SUCCEEDED;
        return switch (step.phase()) {
            case ROLLED_BACK, ABORTED -> succeeded ? RollbackAnswer.RESTORED : RollbackAnswer.FAILED;
            case COMPLETED -> RollbackAnswer.TOO_LATE;
            case RESTORE_FAILED -> RollbackAnswer.FAILED;
            case FAILED, PROGRESSING, PAUSED -> succeeded ? RollbackAnswer.NOTHING_CHANGED : RollbackAnswer.FAILED;
        };
    }

    /** What an answer means, in the words the API's reason and the Slack thread both use. */
    public static String summary(RollbackAnswer answer) {
        return switch (answer) {
            case RESTORED -> "the previous version is restored";
            case FAILED -> "the rollback failed: the previous version is not restored";
            case TOO_LATE -> "the rollback came too late: the release was already promoted, so its version stays";
            case NOTHING_CHANGED -> "the rollback changed nothing: the previous version was already in force";
            case SUPERSEDED -> "the rollback changed nothing: a newer release of the same Deployment has taken over";
        };
    }

    private static ReleaseState afterRollback(RollbackAnswer answer, Phase phase) {
        return switch (answer) {
            case RESTORED -> phase == Phase.ABORTED ? ReleaseState.ABORTED : ReleaseState.ROLLED_BACK;
            case FAILED -> phase == Phase.RESTORE_FAILED ? ReleaseState.RESTORE_FAILED : ReleaseState.FAILED;
            case TOO_LATE -> ReleaseState.SUCCEEDED;
            case NOTHING_CHANGED, SUPERSEDED -> of(phase);
        };
    }

    private static ReleaseState of(Phase phase) {
        return switch (phase) {
            case PROGRESSING -> ReleaseState.PROGRESSING;
            case PAUSED -> ReleaseState.PAUSED;
            case COMPLETED -> ReleaseState.SUCCEEDED;
            case FAILED -> ReleaseState.FAILED;
            case RESTORE_FAILED -> ReleaseState.RESTORE_FAILED;
            case ROLLED_BACK -> ReleaseState.ROLLED_BACK;
            case ABORTED -> ReleaseState.ABORTED;
        };
    }
}
