package dev.rollwatch.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.StepCompleted.Action;
import dev.rollwatch.events.StepCompleted.Outcome;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.StepCompleted.RollbackAnswer;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.Weights;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutTest {

    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");
    private static final Timing TIMING =
            new Timing(Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static final Plan CANARY = new Plan(
            Strategy.Type.CANARY,
            List.of(
                    PlannedStep.setWeight(10),
                    PlannedStep.pause(Duration.ofMinutes(5)),
                    PlannedStep.setWeight(50),
                    PlannedStep.pause(null),
                    PlannedStep.setWeight(100),
                    PlannedStep.promote()));
    private static final Plan BLUE_GREEN = new Plan(
            Strategy.Type.BLUE_GREEN,
            List.of(
                    PlannedStep.deployPreview(),
                    PlannedStep.pause(null),
                    PlannedStep.switchTraffic(),
                    PlannedStep.scaleDown(Duration.ofMinutes(10))));

    private static Rollout requested(Plan plan) {
        return new Rollout(plan, TIMING, RolloutState.requested(T0, null));
    }

    /** A canary release whose stable state is recorded and whose first step is due. */
    private static Rollout started() {
        Rollout rollout = requested(CANARY);
        rollout.recorded(Weights.ALL_STABLE, T0);
        return rollout;
    }

    private static Rollout atIndefinitePause() {
        Rollout rollout = started();
        rollout.stepDone(Weights.canary(10), "10%", T0);
        rollout.pauseEnded(T0.plus(Duration.ofMinutes(5)));
        rollout.stepDone(Weights.canary(50), "50%", T0.plus(Duration.ofMinutes(6)));
        return rollout;
    }

    @Test
    void recordsTheStableStateBeforeApplyingTheFirstStep() {
        Rollout rollout = requested(CANARY);

        assertThat(rollout.next(T0)).isInstanceOf(Work.RecordStable.class);
        assertThat(rollout.recorded(Weights.ALL_STABLE, T0)).isEmpty();
        assertThat(rollout.next(T0)).isEqualTo(new Work.Apply(0, PlannedStep.setWeight(10)));
    }

    @Test
    void aReadyStepIsReportedOnceAndTheTimedPauseAfterItStarts() {
        Rollout rollout = started();

        List<StepReport> reports = rollout.stepDone(Weights.canary(10), "canary ready", T0.plusSeconds(3));

        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.stepIndex()).isZero();
            assertThat(r.action()).isEqualTo(Action.SET_WEIGHT);
            assertThat(r.phase()).isEqualTo(Phase.PROGRESSING);
            assertThat(r.weights()).isEqualTo(Weights.canary(10));
        });
        assertThat(rollout.next(T0.plus(Duration.ofMinutes(4)))).isInstanceOf(Work.Idle.class);
        assertThat(rollout.next(T0.plus(Duration.ofMinutes(6)))).isInstanceOf(Work.EndPause.class);
        assertThat(rollout.pauseEnded(T0.plus(Duration.ofMinutes(6))))
                .singleElement()
                .satisfies(r -> assertThat(r.action()).isEqualTo(Action.PAUSE));
        assertThat(rollout.next(T0.plus(Duration.ofMinutes(6))))
                .isEqualTo(new Work.Apply(2, PlannedStep.setWeight(50)));
    }

    @Test
    void aStepThatNeverBecomesReadyFailsAtItsDeadlineAndRestoresTheStableState() {
        Rollout rollout = started();

        assertThat(rollout.stepWaiting("web-canary: 0/1 ready", T0)).isEmpty();
        assertThat(rollout.next(T0.plusSeconds(1))).isInstanceOf(Work.Check.class);
        assertThat(rollout.stepWaiting("web-canary: 0/1 ready", T0.plus(Duration.ofMinutes(9))))
                .isEmpty();
        assertThat(rollout.stepWaiting("web-canary: 0/1 ready", T0.plus(Duration.ofMinutes(10))))
                .isEmpty();

        assertThat(rollout.next(T0.plus(Duration.ofMinutes(10)))).isInstanceOf(Work.Restore.class);
        List<StepReport> reports = rollout.restored(Weights.ALL_STABLE, "restored", T0.plus(Duration.ofMinutes(10)));
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.SET_WEIGHT);
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.phase()).isEqualTo(Phase.FAILED);
            assertThat(r.weights()).isEqualTo(Weights.ALL_STABLE);
            assertThat(r.message()).contains("not ready within the step deadline of 10m", "0/1 ready", "restored");
        });
        assertThat(rollout.status()).isEqualTo(RolloutStatus.FAILED);
        assertThat(rollout.next(T0.plus(Duration.ofHours(1)))).isInstanceOf(Work.Idle.class);
    }

    @Test
    void transientApiErrorsAreRetriedUntilTheStepDeadline() {
        Rollout rollout = started();

        assertThat(rollout.stepInterrupted("connection refused", T0)).isEmpty();
        assertThat(rollout.state().dueAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(rollout.state().restore()).isNull();

        rollout.stepInterrupted("connection refused", T0.plus(Duration.ofMinutes(10)));

        assertThat(rollout.state().restore().kind()).isEqualTo(Restore.Kind.FAILURE);
        assertThat(rollout.state().restore().reason()).contains("kept failing", "connection refused");
    }

    @Test
    void anIndefinitePauseReportsPausedAndHoldsUntilResumed() {
        Rollout rollout = started();
        rollout.stepDone(Weights.canary(10), "10%", T0);
        rollout.pauseEnded(T0.plus(Duration.ofMinutes(5)));

        List<StepReport> reports = rollout.stepDone(Weights.canary(50), "50%", T0.plus(Duration.ofMinutes(6)));

        assertThat(reports)
                .extracting(StepReport::action, StepReport::phase, StepReport::stepIndex)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Action.SET_WEIGHT, Phase.PROGRESSING, 2),
                        org.assertj.core.groups.Tuple.tuple(Action.PAUSE, Phase.PAUSED, 3));
        assertThat(rollout.next(T0.plus(Duration.ofDays(3)))).isInstanceOf(Work.Idle.class);

        Decision resumed = rollout.resume("resume by maria", T0.plus(Duration.ofHours(1)));

        assertThat(resumed.applied()).isTrue();
        assertThat(resumed.reports()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.RESUME);
            assertThat(r.phase()).isEqualTo(Phase.PROGRESSING);
            assertThat(r.stepIndex()).isEqualTo(3);
        });
        assertThat(rollout.next(T0.plus(Duration.ofHours(1)))).isEqualTo(new Work.Apply(4, PlannedStep.setWeight(100)));
    }

    @Test
    void aPauseCommandLetsTheStepInFlightFinishButStartsNothingNew() {
        Rollout rollout = started();
        rollout.stepWaiting("0/1 ready", T0);

        Decision paused = rollout.pause("pause by maria", T0.plusSeconds(1));

        assertThat(paused.reports()).singleElement().satisfies(r -> {
            assertThat(r.stepIndex()).isEqualTo(-1);
            assertThat(r.phase()).isEqualTo(Phase.PAUSED);
        });
        assertThat(rollout.pause("again", T0.plusSeconds(2)).applied()).isFalse();
        assertThat(rollout.next(T0.plusSeconds(2))).isInstanceOf(Work.Check.class);
        assertThat(rollout.stepDone(Weights.canary(10), "ready", T0.plusSeconds(2)))
                .first()
                .satisfies(r -> assertThat(r.phase()).isEqualTo(Phase.PAUSED));
        assertThat(rollout.next(T0.plus(Duration.ofHours(2)))).isInstanceOf(Work.Idle.class);

        Decision resumed = rollout.resume("resume by maria", T0.plus(Duration.ofHours(2)));

        assertThat(resumed.reports())
                .singleElement()
                .satisfies(r -> assertThat(r.stepIndex()).isEqualTo(-1));
        assertThat(rollout.next(T0.plus(Duration.ofHours(2)))).isInstanceOf(Work.EndPause.class);
    }

    @Test
    void resumeWithoutPauseChangesNothing() {
        Rollout rollout = started();

        assertThat(rollout.resume("resume", T0).applied()).isFalse();
    }

    @Test
    void promoteSkipsTheRemainingWeightsAndPausesToPromotion() {
        Rollout rollout = atIndefinitePause();

        Decision promoted = rollout.promote("promote by maria", T0.plus(Duration.ofHours(1)));

        assertThat(promoted.reports()).extracting(StepReport::action).containsExactly(Action.RESUME);
        assertThat(rollout.next(T0.plus(Duration.ofHours(1)))).isEqualTo(new Work.Apply(5, PlannedStep.promote()));
        List<StepReport> done = rollout.stepDone(Weights.ALL_STABLE, "promoted", T0.plus(Duration.ofHours(1)));
        assertThat(done).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.PROMOTE);
            assertThat(r.phase()).isEqualTo(Phase.COMPLETED);
            assertThat(r.stepIndex()).isEqualTo(5);
        });
        assertThat(rollout.status()).isEqualTo(RolloutStatus.COMPLETED);
    }

    @Test
    void aPromoteBeforeTheReleaseStartedGoesStraightToPromotion() {
        Rollout rollout = requested(CANARY);

        assertThat(rollout.promote("promote", T0).applied()).isTrue();
        rollout.recorded(Weights.ALL_STABLE, T0);

        assertThat(rollout.next(T0)).isEqualTo(new Work.Apply(5, PlannedStep.promote()));
    }

    @Test
    void promoteDuringACanaryReadinessWaitAbandonsItForPromotion() {
        Rollout rollout = started();
        rollout.stepWaiting("0/1 ready", T0);

        rollout.promote("promote", T0.plusSeconds(1));

        assertThat(rollout.next(T0.plusSeconds(1))).isEqualTo(new Work.Apply(5, PlannedStep.promote()));
    }

    @Test
    void blueGreenPromoteNeverSkipsThePreviewsReadinessNorTheLaterScaleDownDelay() {
        Rollout rollout = requested(BLUE_GREEN);
        rollout.recorded(Weights.ALL_STABLE, T0);
        rollout.stepWaiting("preview 0/4 ready", T0);

        rollout.promote("promote", T0.plusSeconds(1));

        assertThat(rollout.next(T0.plusSeconds(1))).isEqualTo(new Work.Check(0, PlannedStep.deployPreview()));
        assertThat(rollout.stepDone(Weights.ALL_STABLE, "preview ready", T0.plusSeconds(2)))
                .extracting(StepReport::action)
                .containsExactly(Action.DEPLOY_PREVIEW);
        assertThat(rollout.next(T0.plusSeconds(2))).isEqualTo(new Work.Apply(2, PlannedStep.switchTraffic()));
        rollout.stepDone(new Weights(100, 0), "switched", T0.plusSeconds(3));
        assertThat(rollout.next(T0.plusSeconds(4))).isInstanceOf(Work.Idle.class);
        assertThat(rollout.next(T0.plusSeconds(3).plus(Duration.ofMinutes(10)))).isInstanceOf(Work.Apply.class);
    }

    @Test
    void blueGreenScalesDownOnlyAfterTheDelayUnlessPromoted() {
        Rollout rollout = requested(BLUE_GREEN);
        rollout.recorded(Weights.ALL_STABLE, T0);
        rollout.stepDone(Weights.ALL_STABLE, "preview ready", T0);
        assertThat(rollout.state().stage()).isEqualTo(Stage.HOLD);
        rollout.resume("resume", T0.plusSeconds(5));
        rollout.stepDone(new Weights(100, 0), "switched", T0.plusSeconds(6));

        assertThat(rollout.next(T0.plusSeconds(7))).isInstanceOf(Work.Idle.class);
        assertThat(rollout.next(T0.plusSeconds(6).plus(Duration.ofMinutes(10))))
                .isEqualTo(new Work.Apply(3, BLUE_GREEN.step(3)));

        rollout.promote("promote", T0.plusSeconds(8));

        assertThat(rollout.next(T0.plusSeconds(8))).isEqualTo(new Work.Apply(3, BLUE_GREEN.step(3)));
    }

    @Test
    void aRollbackStopsAdvancingAtOnceEvenInTheMiddleOfAPause() {
        Rollout rollout = started();
        rollout.stepDone(Weights.canary(10), "10%", T0);

        Decision decision =
                rollout.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "health degraded", 1, T0.plusSeconds(30)));

        assertThat(decision.applied()).isTrue();
        assertThat(rollout.next(T0.plusSeconds(30))).isInstanceOf(Work.Restore.class);
        List<StepReport> reports = rollout.restored(Weights.ALL_STABLE, "restored web:1.0", T0.plusSeconds(31));
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.stepIndex()).isEqualTo(-1);
            assertThat(r.action()).isEqualTo(Action.ROLLBACK);
            assertThat(r.phase()).isEqualTo(Phase.ROLLED_BACK);
            assertThat(r.rollback()).isEqualTo(RollbackAnswer.RESTORED);
            assertThat(r.weights()).isEqualTo(Weights.ALL_STABLE);
            assertThat(r.message()).contains("health degraded", "restored web:1.0");
        });
        assertThat(rollout.next(T0.plus(Duration.ofMinutes(10)))).isInstanceOf(Work.Idle.class);
        assertThat(rollout.resume("resume", T0.plus(Duration.ofMinutes(10))).applied())
                .isFalse();
    }

    @Test
    void anAbortEndsAborted() {
        Rollout rollout = atIndefinitePause();

        rollout.rollbackRequested(new Restore(Restore.Kind.ABORT, "aborted by maria", 1, T0.plusSeconds(30)));

        assertThat(rollout.restored(Weights.ALL_STABLE, "restored", T0.plusSeconds(31)))
                .singleElement()
                .satisfies(r -> assertThat(r.phase()).isEqualTo(Phase.ABORTED));
        assertThat(rollout.status()).isEqualTo(RolloutStatus.ABORTED);
    }

    @Test
    void onlyTheReTriggerOfARollbackRestoresAgain() {
        Rollout rollout = started();
        rollout.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "degraded", 1, T0));
        rollout.restored(Weights.ALL_STABLE, "restored", T0);

        assertThat(rollout.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "degraded", 1, T0))
                        .applied())
                .isFalse();
        assertThat(rollout.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "degraded", 2, T0))
                        .applied())
                .isTrue();
        assertThat(rollout.next(T0)).isInstanceOf(Work.Restore.class);
        assertThat(rollout.restored(Weights.ALL_STABLE, "restored again", T0))
                .singleElement()
                .satisfies(r -> assertThat(r.phase()).isEqualTo(Phase.ROLLED_BACK));
    }

    private static Rollout promoted() {
        Rollout rollout = new Rollout(
                new Plan(Strategy.Type.ROLLING, List.of(PlannedStep.rollingUpdate())),
                TIMING,
                RolloutState.requested(T0, null));
        rollout.recorded(Weights.ALL_STABLE, T0);
        rollout.stepDone(new Weights(0, 100), "rolled out", T0);
        return rollout;
    }

    @Test
    void aRollbackThatReachesAPromotedReleaseIsAnsweredWithoutRestoringAnything() {
        Rollout rollout = promoted();

        Decision decision = rollout.rollbackRequested(
                new Restore(Restore.Kind.ROLLBACK, "rolled back: health degraded", 1, T0.plusSeconds(5)));

        assertThat(decision.reports()).singleElement().satisfies(r -> {
            assertThat(r.stepIndex()).isEqualTo(-1);
            assertThat(r.action()).isEqualTo(Action.ROLLBACK);
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.phase()).isEqualTo(Phase.COMPLETED);
            assertThat(r.rollback()).isEqualTo(RollbackAnswer.TOO_LATE);
            assertThat(r.weights()).isEqualTo(new Weights(0, 100));
            assertThat(r.message())
                    .startsWith("rolled back: health degraded; too late: the release was already " + "promoted")
                    .contains("nothing was restored");
        });
        assertThat(rollout.status()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(rollout.next(T0.plusSeconds(5))).isInstanceOf(Work.Idle.class);
    }

    @Test
    void aPromotedReleaseAnswersEachRollbackAttemptOnce() {
        Rollout rollout = promoted();
        rollout.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "degraded", 1, T0));
        Rollout reloaded = new Rollout(rollout.plan(), TIMING, rollout.state());

        assertThat(reloaded.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "degraded", 1, T0))
                        .applied())
                .isFalse();
        assertThat(reloaded.rollbackRequested(new Restore(Restore.Kind.ABORT, "aborted", 1, T0))
                        .applied())
                .isFalse();
        assertThat(reloaded.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "degraded", 2, T0))
                        .reports())
                .singleElement()
                .satisfies(r -> assertThat(r.phase()).isEqualTo(Phase.COMPLETED));
        assertThat(reloaded.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "degraded", 2, T0))
                        .applied())
                .isFalse();
    }

    @Test
    void aRollbackOfAReleaseThatFailedBeforeAnyChangeSaysTheStableStateIsInForce() {
        Rollout rollout = new Rollout(CANARY, TIMING, RolloutState.requested(T0, "artifact web:2 is quarantined"));
        rollout.refused(Weights.ALL_STABLE, T0);

        Decision decision = rollout.rollbackRequested(new Restore(Restore.Kind.ABORT, "aborted by maria", 1, T0));

        assertThat(decision.reports()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.ROLLBACK);
            assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(r.phase()).isEqualTo(Phase.FAILED);
            assertThat(r.rollback()).isEqualTo(RollbackAnswer.NOTHING_CHANGED);
            assertThat(r.message()).contains("nothing to restore: the release failed before it changed anything");
        });
        assertThat(rollout.next(T0)).isInstanceOf(Work.Idle.class);
        assertThat(rollout.status()).isEqualTo(RolloutStatus.FAILED);
    }

    @Test
    void aRollbackOfAFailedReleaseTellsWhetherTheFailuresRestoreWorked() {
        Rollout restored = started();
        restored.stepFailed("forbidden", T0);
        restored.restored(Weights.ALL_STABLE, "restored web:1", T0);
        Rollout notRestored = started();
        notRestored.stepFailed("forbidden", T0);
        notRestored.restoreFailed("connection refused", T0);
        notRestored.resolve("resolve by alice", T0);

        Decision answered = restored.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "degraded", 1, T0));
        Decision failed = notRestored.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "degraded", 1, T0));

        assertThat(answered.reports()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(r.phase()).isEqualTo(Phase.FAILED);
            assertThat(r.rollback()).isEqualTo(RollbackAnswer.NOTHING_CHANGED);
            assertThat(r.message()).contains("the stable state was already restored when the release failed");
        });
        assertThat(failed.reports()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.rollback()).isEqualTo(RollbackAnswer.FAILED);
            assertThat(r.message()).contains("restoring its stable state then did not succeed");
        });
        // The re-trigger restores again, like any re-trigger.
        assertThat(notRestored
                        .rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "degraded", 2, T0))
                        .applied())
                .isTrue();
        assertThat(notRestored.next(T0)).isInstanceOf(Work.Restore.class);
    }

    @Test
    void aRestoreTheApiKeepsRefusingIsReportedRestoreFailedOnceAndTriedAgainWithBackoff() {
        Rollout rollout = started();
        rollout.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "degraded", 1, T0));

        assertThat(rollout.restoreInterrupted("connection refused", T0.plusSeconds(5)))
                .isEmpty();
        Instant failedAt = T0.plus(Duration.ofMinutes(10));
        List<StepReport> reports = rollout.restoreInterrupted("connection refused", failedAt);

        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.action()).isEqualTo(Action.ROLLBACK);
            assertThat(r.phase()).isEqualTo(Phase.RESTORE_FAILED);
            assertThat(r.rollback()).isEqualTo(RollbackAnswer.FAILED);
            assertThat(r.message()).contains("restore of the stable state failed");
        });
        assertThat(rollout.status()).isEqualTo(RolloutStatus.RESTORE_FAILED);
        // Not given up: tried again, a quarter of the time it has been failing later, at most a minute.
        assertThat(rollout.state().dueAt()).isEqualTo(failedAt.plusSeconds(60));
        assertThat(rollout.next(failedAt.plusSeconds(60))).isInstanceOf(Work.Restore.class);
        // Failing again is not reported again: people were paged once.
        assertThat(rollout.restoreFailed("Service web not found", failedAt.plusSeconds(60)))
                .isEmpty();
    }

    @Test
    void aFailedRestoreThatARetryCarriesOutEndsTheReleaseRolledBack() {
        Rollout rollout = started();
        rollout.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "degraded", 1, T0));
        rollout.restoreFailed("Service web not found", T0.plusSeconds(1));

        List<StepReport> reports = rollout.restored(Weights.ALL_STABLE, "restored web:1", T0.plusSeconds(30));

        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.phase()).isEqualTo(Phase.ROLLED_BACK);
            assertThat(r.rollback()).isEqualTo(RollbackAnswer.RESTORED);
        });
        assertThat(rollout.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
    }

    @Test
    void aFailedStepWhoseRestoreFailsIsRestoreFailedOnThatStep() {
        Rollout rollout = started();
        rollout.stepFailed("image pull failed", T0);

        assertThat(rollout.restoreFailed("Service web not found", T0.plusSeconds(1)))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.stepIndex()).isZero();
                    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
                    assertThat(r.phase()).isEqualTo(Phase.RESTORE_FAILED);
                });
    }

    @Test
    void anOperatorsResolveEndsARestoreFailedReleaseFailedAndStopsTheRetries() {
        Rollout rollout = started();
        rollout.rollbackRequested(new Restore(Restore.Kind.ABORT, "aborted by bob", 1, T0));
        rollout.restoreFailed("Service web not found", T0.plusSeconds(1));
        // While it fails, nothing but resolve steers it.
        assertThat(rollout.pause("pause by bob", T0.plusSeconds(2)).applied()).isFalse();

        Decision resolved = rollout.resolve("resolve by alice: recreated the Service", T0.plusSeconds(90));

        assertThat(resolved.applied()).isTrue();
        assertThat(resolved.reports()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.ROLLBACK);
            assertThat(r.phase()).isEqualTo(Phase.FAILED);
            assertThat(r.rollback()).isEqualTo(RollbackAnswer.FAILED);
            assertThat(r.message()).contains("resolve by alice: recreated the Service");
        });
        assertThat(rollout.status()).isEqualTo(RolloutStatus.FAILED);
        assertThat(rollout.next(T0.plus(Duration.ofHours(1)))).isInstanceOf(Work.Idle.class);
    }

    @Test
    void resolveOfAReleaseWhoseRestoreDidNotFailChangesNothing() {
        Rollout rollout = started();

        assertThat(rollout.resolve("resolve by alice", T0).applied()).isFalse();
        assertThat(rollout.status()).isEqualTo(RolloutStatus.RUNNING);
    }

    @Test
    void aRefusedReleaseFailsWithoutAnyChange() {
        Rollout rollout = new Rollout(CANARY, TIMING, RolloutState.requested(T0, "artifact web:2 is quarantined"));

        assertThat(rollout.next(T0)).isEqualTo(new Work.Refuse("artifact web:2 is quarantined"));
        assertThat(rollout.refused(Weights.ALL_STABLE, T0)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.phase()).isEqualTo(Phase.FAILED);
            assertThat(r.message()).isEqualTo("artifact web:2 is quarantined");
        });
    }

    private static Rollout rolledBack() {
        Rollout rollout = started();
        rollout.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "rolled back: health degraded", 1, T0));
        rollout.restored(Weights.ALL_STABLE, "restored", T0.plusSeconds(1));
        return rollout;
    }

    @Test
    void aReTriggerForAReleaseANewerReleaseSupersededIsAnsweredOnceAndRestoresNothing() {
        Rollout rollout = rolledBack();

        Decision decision = rollout.rollbackRequested(
                new Restore(Restore.Kind.ROLLBACK, "rolled back: health degraded (attempt 2)", 2, T0.plusSeconds(90)),
                "checkout-1.4.3");

        assertThat(decision.applied()).isTrue();
        assertThat(decision.reports()).singleElement().satisfies(r -> {
            assertThat(r.stepIndex()).isEqualTo(-1);
            assertThat(r.action()).isEqualTo(Action.ROLLBACK);
            assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(r.phase()).isEqualTo(Phase.ROLLED_BACK);
            assertThat(r.weights()).isEqualTo(Weights.ALL_STABLE);
            assertThat(r.message())
                    .startsWith("rolled back: health degraded (attempt 2); superseded by release "
                            + "checkout-1.4.3; nothing changed");
        });
        assertThat(rollout.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(rollout.next(T0.plusSeconds(90))).isInstanceOf(Work.Idle.class);
        Rollout reloaded = new Rollout(rollout.plan(), TIMING, rollout.state());
        assertThat(reloaded.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "again", 2, T0), "checkout-1.4.3")
                        .applied())
                .isFalse();
        assertThat(reloaded.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "again", 1, T0), "checkout-1.4.3")
                        .applied())
                .isFalse();
    }

    @Test
    void aSupersededReleaseTellsWhetherItsStableStateHadBeenRestored() {
        Rollout restoreFailed = started();
        restoreFailed.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "degraded", 1, T0));
        restoreFailed.restoreFailed("forbidden", T0);
        restoreFailed.resolve("resolve by alice", T0);
        Rollout failedBeforeAnyChange = new Rollout(CANARY, TIMING, RolloutState.requested(T0, "quarantined"));
        failedBeforeAnyChange.refused(Weights.ALL_STABLE, T0);
        Restore again = new Restore(Restore.Kind.ROLLBACK, "degraded (attempt 2)", 2, T0);

        assertThat(restoreFailed.rollbackRequested(again, "web-2").reports())
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
                    assertThat(r.phase()).isEqualTo(Phase.FAILED);
                    assertThat(r.rollback()).isEqualTo(RollbackAnswer.SUPERSEDED);
                });
        assertThat(promoted().rollbackRequested(again, "web-2").reports())
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
                    assertThat(r.phase()).isEqualTo(Phase.COMPLETED);
                    assertThat(r.message()).contains("superseded by release web-2; nothing changed");
                });
        assertThat(failedBeforeAnyChange.rollbackRequested(again, "web-2").reports())
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
                    assertThat(r.phase()).isEqualTo(Phase.FAILED);
                });
        assertThat(restoreFailed.next(T0)).isInstanceOf(Work.Idle.class);
    }

    @Test
    void aReleaseStillRunningIsRolledBackWhateverElseIsKnown() {
        Rollout rollout = started();

        assertThat(rollout.rollbackRequested(new Restore(Restore.Kind.ROLLBACK, "degraded", 1, T0), "web-2")
                        .applied())
                .isTrue();
        assertThat(rollout.next(T0)).isInstanceOf(Work.Restore.class);
    }

    @Test
    void aReleaseRefusedAtOnceFailsAndDropsTheRestoreOfAnEarlyRollback() {
        Rollout early = new Rollout(CANARY, TIMING, RolloutState.awaitingRequest());
        early.rollbackRequested(new Restore(Restore.Kind.ABORT, "aborted", 1, T0));
        early.requestArrived(T0.plusSeconds(1), "another release is in progress");

        List<StepReport> reports = early.refusedAtOnce("another release is in progress", T0.plusSeconds(1));

        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.phase()).isEqualTo(Phase.FAILED);
            assertThat(r.weights()).isEqualTo(Weights.ALL_STABLE);
            assertThat(r.message()).isEqualTo("another release is in progress");
        });
        assertThat(early.status()).isEqualTo(RolloutStatus.FAILED);
        assertThat(early.state().restore()).isNull();
        assertThat(early.state().dueAt()).isNull();
        assertThat(early.next(T0.plusSeconds(2))).isInstanceOf(Work.Idle.class);
    }

    @Test
    void aRollbackThatOvertookTheRequestIsCarriedOutWhenTheRequestArrives() {
        Rollout early = new Rollout(CANARY, TIMING, RolloutState.awaitingRequest());
        early.rollbackRequested(new Restore(Restore.Kind.ABORT, "aborted", 1, T0));
        assertThat(early.state().dueAt()).isNull();

        early.requestArrived(T0.plusSeconds(1), null);

        assertThat(early.next(T0.plusSeconds(1))).isInstanceOf(Work.Restore.class);
    }
}
