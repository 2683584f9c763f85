package dev.rollwatch.events.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.StepCompleted.Action;
import dev.rollwatch.events.StepCompleted.Outcome;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.StepCompleted.RollbackAnswer;
import dev.rollwatch.events.Weights;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReleaseOutcomeTest {

    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void aRestoredRollbackEndsRolledBackAndAnAbortsRestoreEndsAborted() {
        assertThat(ReleaseOutcome.afterStep(
                        ReleaseState.ROLLING_BACK,
                        rollback(Outcome.SUCCEEDED, Phase.ROLLED_BACK, RollbackAnswer.RESTORED)))
                .contains(ReleaseState.ROLLED_BACK);
        assertThat(ReleaseOutcome.afterStep(
                        ReleaseState.ROLLING_BACK, rollback(Outcome.SUCCEEDED, Phase.ABORTED, RollbackAnswer.RESTORED)))
                .contains(ReleaseState.ABORTED);
    }

    @Test
    void aRestoreThatFailedEndsTheReleaseFailedThoughTheExecutorSaysRolledBack() {
        assertThat(ReleaseOutcome.afterStep(
                        ReleaseState.ROLLING_BACK, rollback(Outcome.FAILED, Phase.ROLLED_BACK, RollbackAnswer.FAILED)))
                .contains(ReleaseState.FAILED);
    }

    @Test
    void aRestoreThatFailedWhileTheExecutorKeepsTryingIsRestoreFailedNotAnEnd() {
        StepCompleted failing = rollback(Outcome.FAILED, Phase.RESTORE_FAILED, RollbackAnswer.FAILED);

        assertThat(ReleaseOutcome.afterStep(ReleaseState.ROLLING_BACK, failing)).contains(ReleaseState.RESTORE_FAILED);
        assertThat(ReleaseState.RESTORE_FAILED.isTerminal()).isFalse();
        // A new decision does not restart what is already being retried.
        assertThat(ReleaseOutcome.startsRollback(ReleaseState.RESTORE_FAILED)).isFalse();
    }

    @Test
    void aRestoreThatFailedEndsRolledBackWhenARetrySucceedsAndFailedWhenAnOperatorResolvesIt() {
        assertThat(ReleaseOutcome.afterStep(
                        ReleaseState.RESTORE_FAILED,
                        rollback(Outcome.SUCCEEDED, Phase.ROLLED_BACK, RollbackAnswer.RESTORED)))
                .contains(ReleaseState.ROLLED_BACK);
        assertThat(ReleaseOutcome.afterStep(
                        ReleaseState.RESTORE_FAILED, rollback(Outcome.FAILED, Phase.FAILED, RollbackAnswer.FAILED)))
                .contains(ReleaseState.FAILED);
    }

    @Test
    void aFailedStepWhoseRestoreFailedIsRestoreFailedAndAStepFinishedBeforeItChangesNothing() {
        assertThat(ReleaseOutcome.afterStep(ReleaseState.PROGRESSING, step(Outcome.FAILED, Phase.RESTORE_FAILED)))
                .contains(ReleaseState.RESTORE_FAILED);
        assertThat(ReleaseOutcome.afterStep(ReleaseState.RESTORE_FAILED, step(Phase.PROGRESSING)))
                .isEmpty();
    }

    @Test
    void aRollbackThatCameAfterThePromotionLeavesTheReleaseSucceeded() {
        StepCompleted tooLate = rollback(Outcome.FAILED, Phase.COMPLETED, RollbackAnswer.TOO_LATE);

        assertThat(ReleaseOutcome.afterStep(ReleaseState.ROLLING_BACK, tooLate)).contains(ReleaseState.SUCCEEDED);
        assertThat(ReleaseOutcome.afterStep(ReleaseState.SUCCEEDED, tooLate)).isEmpty();
    }

    @Test
    void aSupersededRollbackKeepsTheOutcomeTheReleaseAlreadyHad() {
        assertThat(ReleaseOutcome.afterStep(
                        ReleaseState.ROLLING_BACK,
                        rollback(Outcome.FAILED, Phase.COMPLETED, RollbackAnswer.SUPERSEDED)))
                .contains(ReleaseState.SUCCEEDED);
        assertThat(ReleaseOutcome.afterStep(
                        ReleaseState.FAILED, rollback(Outcome.SUCCEEDED, Phase.FAILED, RollbackAnswer.SUPERSEDED)))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = ReleaseState.class,
            names = {"SUCCEEDED", "ROLLED_BACK", "FAILED", "ABORTED"})
    void anEndedReleaseNeitherStartsARollbackNorMovesAgain(ReleaseState ended) {
        assertThat(ReleaseOutcome.startsRollback(ended)).isFalse();
        assertThat(ReleaseOutcome.afterStep(
                        ended, rollback(Outcome.SUCCEEDED, Phase.ROLLED_BACK, RollbackAnswer.RESTORED)))
                .isEmpty();
        assertThat(ReleaseOutcome.afterStep(ended, step(Phase.PROGRESSING))).isEmpty();
    }

    @Test
    void whileRollingBackOnlyTheEndOfTheReleaseCounts() {
        assertThat(ReleaseOutcome.startsRollback(ReleaseState.ROLLING_BACK)).isTrue();
        assertThat(ReleaseOutcome.afterStep(ReleaseState.ROLLING_BACK, step(Phase.PROGRESSING)))
                .isEmpty();
        assertThat(ReleaseOutcome.afterStep(ReleaseState.ROLLING_BACK, step(Phase.COMPLETED)))
                .contains(ReleaseState.SUCCEEDED);
        assertThat(ReleaseOutcome.afterStep(ReleaseState.PROGRESSING, step(Phase.PAUSED)))
                .contains(ReleaseState.PAUSED);
    }

    @Test
    void readsTheAnswerOfAnExecutorThatPredatesItOffThePhaseAndOutcome() {
        assertThat(ReleaseOutcome.answerOf(rollback(Outcome.SUCCEEDED, Phase.ROLLED_BACK, null)))
                .isEqualTo(RollbackAnswer.RESTORED);
        assertThat(ReleaseOutcome.answerOf(rollback(Outcome.FAILED, Phase.ROLLED_BACK, null)))
                .isEqualTo(RollbackAnswer.FAILED);
        assertThat(ReleaseOutcome.answerOf(rollback(Outcome.FAILED, Phase.COMPLETED, null)))
                .isEqualTo(RollbackAnswer.TOO_LATE);
        assertThat(ReleaseOutcome.answerOf(rollback(Outcome.SUCCEEDED, Phase.FAILED, null)))
                .isEqualTo(RollbackAnswer.NOTHING_CHANGED);
    }

    private static StepCompleted rollback(Outcome outcome, Phase phase, RollbackAnswer answer) {
        return new StepCompleted(
                "rel-1", -1, 4, Action.ROLLBACK, outcome, phase, Weights.ALL_STABLE, NOW, NOW, "why", null, answer);
    }

    private static StepCompleted step(Outcome outcome, Phase phase) {
        return new StepCompleted(
                "rel-1", 1, 4, Action.SET_WEIGHT, outcome, phase, Weights.canary(25), NOW, NOW, null, null);
    }

    private static StepCompleted step(Phase phase) {
        return new StepCompleted(
                "rel-1", 1, 4, Action.SET_WEIGHT, Outcome.SUCCEEDED, phase, Weights.canary(25), NOW, NOW, null, null);
    }
}
