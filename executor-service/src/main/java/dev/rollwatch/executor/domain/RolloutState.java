package dev.rollwatch.executor.domain;

import dev.rollwatch.events.Weights;
import java.time.Instant;

/**
 * Everything the executor must remember about a release's progress to resume it after a restart.
 *
 * @param status           where the release stands
 * @param stepIndex        the current step
 * @param stage            where the current step stands
 * @param stepStartedAt    when the current step was first applied (or its pause began)
 * @param dueAt            when the executor must next act (null: nothing is due)
 * @param deadlineAt       when an applied step that is still not ready fails
 * @param manualPause      an operator paused the release: no new step starts
 * @param promoteRequested an operator asked to promote: skippable steps are skipped
 * @param weights          traffic weights in force
 * @param restore          a restore waiting to be carried out
 * @param restoredAttempt  the last rollback attempt carried out (0: none)
 * @param restoreFailed    the last restore carried out did not bring the stable state back
 * @param answeredAttempt  the last rollback attempt answered without a restore, because the release had
 *                         already ended (0: none)
 * @param refusal          why the release is refused without being started
 * @param verdicts         the health monitor's verdicts the next steps wait for
 */
public record RolloutState(
        RolloutStatus status,
        int stepIndex,
        Stage stage,
        Instant stepStartedAt,
        Instant dueAt,
        Instant deadlineAt,
        boolean manualPause,
        boolean promoteRequested,
        Weights weights,
        Restore restore,
        int restoredAttempt,
        boolean restoreFailed,
        int answeredAttempt,
        String refusal,
        Verdicts verdicts) {

    public RolloutState {
        verdicts = verdicts == null ? Verdicts.NONE : verdicts;
    }

    /** A release just requested: due at once, to record its stable state. */
    public static RolloutState requested(Instant now, String refusal) {
        return new RolloutState(
                RolloutStatus.PENDING,
                0,
                Stage.START,
                null,
                now,
                null,
                false,
                false,
                Weights.ALL_STABLE,
                null,
                0,
                false,
                0,
                refusal,
                Verdicts.NONE);
    }

    /** A placeholder for signals that arrived before the request. */
    public static RolloutState awaitingRequest() {
        return new RolloutState(
                RolloutStatus.AWAITING_REQUEST,
                0,
                Stage.START,
                null,
                null,
                null,
                false,
                false,
                Weights.ALL_STABLE,
                null,
                0,
                false,
                0,
                null,
                Verdicts.NONE);
    }
}
