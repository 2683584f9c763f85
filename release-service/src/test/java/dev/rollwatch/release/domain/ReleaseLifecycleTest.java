package dev.rollwatch.release.domain;

import static dev.rollwatch.events.fixtures.EventFixtures.healthDegraded;
import static dev.rollwatch.events.fixtures.EventFixtures.healthPassed;
import static dev.rollwatch.events.fixtures.EventFixtures.promoted;
import static dev.rollwatch.events.fixtures.EventFixtures.rollbackFailed;
import static dev.rollwatch.events.fixtures.EventFixtures.rollbackSuperseded;
import static dev.rollwatch.events.fixtures.EventFixtures.rollbackTooLate;
import static dev.rollwatch.events.fixtures.EventFixtures.rollbackTriggered;
import static dev.rollwatch.events.fixtures.EventFixtures.rolledBack;
import static dev.rollwatch.events.fixtures.EventFixtures.stepCompleted;
import static dev.rollwatch.events.fixtures.EventFixtures.stepFailed;
import static dev.rollwatch.events.fixtures.EventFixtures.weightSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.outcome.ReleaseOutcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReleaseLifecycleTest {

    private static final String ID = "rel-1";

    private static ReleaseProgress run(ReleaseEvent... events) {
        ReleaseProgress progress = ReleaseProgress.pending();
        for (ReleaseEvent event : events) {
            progress = ReleaseLifecycle.apply(progress, event).progress();
        }
        return progress;
    }

    @Test
    void aRequestThatCanNeverBePublishedFailsThePendingReleaseWithTheReason() {
        Instant at = Instant.parse("2026-12-07T03:00:00Z");

        Transition transition = ReleaseLifecycle.unpublished(
                ReleaseProgress.pending(), Topics.RELEASE_REQUESTED, "the event is larger than the broker accepts", at);

        assertThat(transition.changed()).isTrue();
        assertThat(transition.progress().state()).isEqualTo(ReleaseState.FAILED);
        assertThat(transition.progress().finishedAt()).isEqualTo(at);
        assertThat(transition.progress().reason())
                .isEqualTo("nothing was started: its release.requested event could not be published: the event is"
                        + " larger than the broker accepts");
    }

    @Test
    void anUnpublishableStatusOfARunningReleaseIsOnlyNoted() {
        ReleaseProgress running = run(weightSet(ID, 0, 4, 10));

        Transition transition = ReleaseLifecycle.unpublished(
                running, Topics.RELEASE_STATUS, "the event is larger than the broker accepts", Instant.now());

        assertThat(transition.changed()).isFalse();
        assertThat(transition.progress()).isEqualTo(running);
        assertThat(transition.note()).contains("release.status event could not be published");
    }

    @Test
    void aRestoreThatFailedKeepsTheReleaseOpenAsRestoreFailedUntilARetryRestoresIt() {
        ReleaseProgress failing = run(
                weightSet(ID, 0, 4, 10),
                rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED),
                EventFixtures.restoreFailing(ID, 4, "Service shop/checkout not found"));

        assertThat(failing.state()).isEqualTo(ReleaseState.RESTORE_FAILED);
        assertThat(failing.finishedAt()).isNull();
        assertThat(failing.reason())
                .startsWith(ReleaseOutcome.RESTORE_FAILED_SUMMARY)
                .contains("Service shop/checkout not found");
        // Another decision does not restart it; a retry that restores it ends it.
        assertThat(ReleaseLifecycle.apply(failing, rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED))
                        .changed())
                .isFalse();
        assertThat(run(
                                weightSet(ID, 0, 4, 10),
                                rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED),
                                EventFixtures.restoreFailing(ID, 4, "Service shop/checkout not found"),
                                rolledBack(ID, 4))
                        .state())
                .isEqualTo(ReleaseState.ROLLED_BACK);
    }

    @Test
    void aResolvedRestoreFailureEndsTheReleaseFailed() {
        ReleaseProgress resolved = run(
                weightSet(ID, 0, 4, 10),
                rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED),
                EventFixtures.restoreFailing(ID, 4, "Service shop/checkout not found"),
                EventFixtures.restoreResolved(ID, 4, "resolved (resolve by alice): the restore is no longer tried"));

        assertThat(resolved.state()).isEqualTo(ReleaseState.FAILED);
        assertThat(resolved.finishedAt()).isNotNull();
        assertThat(resolved.reason()).contains("resolve by alice");
    }

    @Test
    void firstStepMovesAPendingReleaseToProgressingWithItsWeight() {
        ReleaseProgress progress = run(weightSet(ID, 0, 4, 10));

        assertThat(progress.state()).isEqualTo(ReleaseState.PROGRESSING);
        assertThat(progress.canaryWeight()).isEqualTo(10);
        assertThat(progress.currentStep()).isZero();
        assertThat(progress.stepCount()).isEqualTo(4);
    }

    @Test
    void promotionSucceedsTheRelease() {
        ReleaseProgress progress = run(weightSet(ID, 0, 4, 10), promoted(ID, 4));

        assertThat(progress.state()).isEqualTo(ReleaseState.SUCCEEDED);
        assertThat(progress.finishedAt()).isEqualTo(promoted(ID, 4).completedAt());
    }

    @Test
    void aPausedPhasePausesAndTheNextStepResumes() {
        ReleaseProgress paused = run(
                weightSet(ID, 0, 4, 10),
                stepCompleted(ID, 1, 4, StepCompleted.Action.PAUSE, StepCompleted.Phase.PAUSED, 10));
        assertThat(paused.state()).isEqualTo(ReleaseState.PAUSED);

        ReleaseProgress resumed =
                ReleaseLifecycle.apply(paused, weightSet(ID, 2, 4, 50)).progress();
        assertThat(resumed.state()).isEqualTo(ReleaseState.PROGRESSING);
        assertThat(resumed.canaryWeight()).isEqualTo(50);
    }

    @Test
    void aFailedStepFailsTheReleaseWithTheExecutorsReason() {
        ReleaseProgress progress = run(weightSet(ID, 0, 4, 10), stepFailed(ID, 2, 4, "canary not ready within 5m"));

        assertThat(progress.state()).isEqualTo(ReleaseState.FAILED);
        assertThat(progress.reason()).isEqualTo("canary not ready within 5m");
    }

    @Test
    void healthDegradedKeepsTheEvidenceWithoutChangingState() {
        Transition transition = ReleaseLifecycle.apply(run(weightSet(ID, 0, 4, 10)), healthDegraded(ID));

        assertThat(transition.effect()).isEqualTo(Transition.Effect.APPLIED);
        assertThat(transition.progress().state()).isEqualTo(ReleaseState.PROGRESSING);
        assertThat(transition.progress().lastHealth().evidence()).hasSize(1);
        assertThat(transition.progress().degradedAt())
                .isEqualTo(healthDegraded(ID).detectedAt());
    }

    @Test
    void rollbackDecisionThenRestoreEndsRolledBackWithTheDecisionsReason() {
        ReleaseProgress rollingBack =
                run(weightSet(ID, 0, 4, 10), rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED));
        assertThat(rollingBack.state()).isEqualTo(ReleaseState.ROLLING_BACK);

        ReleaseProgress done =
                ReleaseLifecycle.apply(rollingBack, rolledBack(ID, 4)).progress();
        assertThat(done.state()).isEqualTo(ReleaseState.ROLLED_BACK);
        assertThat(done.reason()).startsWith("rolled back:");
    }

    @Test
    void anAbortedRestoreEndsAborted() {
        StepCompleted aborted = new StepCompleted(
                ID,
                -1,
                4,
                StepCompleted.Action.ROLLBACK,
                StepCompleted.Outcome.SUCCEEDED,
                StepCompleted.Phase.ABORTED,
                dev.rollwatch.events.Weights.ALL_STABLE,
                EventFixtures.T0,
                EventFixtures.T0.plusSeconds(99),
                "restored",
                EventFixtures.STABLE);

        ReleaseProgress progress =
                run(weightSet(ID, 0, 4, 10), rollbackTriggered(ID, RollbackTriggered.Reason.MANUAL_ABORT), aborted);

        assertThat(progress.state()).isEqualTo(ReleaseState.ABORTED);
        assertThat(progress.reason()).isEqualTo("aborted by oncall-maria: MANUAL_ABORT rollback");
    }

    @Test
    void stepsReportedWhileRollingBackAreIgnored() {
        ReleaseProgress rollingBack =
                run(weightSet(ID, 0, 4, 10), rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED));

        Transition late = ReleaseLifecycle.apply(rollingBack, weightSet(ID, 2, 4, 50));

        assertThat(late.effect()).isEqualTo(Transition.Effect.IGNORED);
        assertThat(late.progress()).isEqualTo(rollingBack);
    }

    @Test
    void aPromotionThatBeatTheRollbackDecisionEndsTheReleaseSucceededWithTheReason() {
        ReleaseProgress rollingBack =
                run(weightSet(ID, 0, 4, 10), rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED));

        Transition promoted = ReleaseLifecycle.apply(rollingBack, promoted(ID, 4));

        assertThat(promoted.progress().state()).isEqualTo(ReleaseState.SUCCEEDED);
        assertThat(promoted.progress().reason())
                .startsWith("the rollback came too late: the release was already promoted, so its version stays");
        assertThat(promoted.progress().finishedAt()).isEqualTo(promoted(ID, 4).completedAt());
    }

    @Test
    void theExecutorsTooLateAnswerEndsARollingBackReleaseSucceeded() {
        ReleaseProgress rollingBack =
                run(weightSet(ID, 0, 4, 10), rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED));

        Transition answered = ReleaseLifecycle.apply(rollingBack, rollbackTooLate(ID, 4));

        assertThat(answered.progress().state()).isEqualTo(ReleaseState.SUCCEEDED);
        assertThat(answered.progress().reason()).startsWith("the rollback came too late");
    }

    @Test
    void aRestoreThatFailedEndsTheReleaseFailedNotRolledBack() {
        ReleaseProgress rollingBack =
                run(weightSet(ID, 0, 4, 10), rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED));

        Transition answered =
                ReleaseLifecycle.apply(rollingBack, rollbackFailed(ID, 4, "restore of the stable state failed: 403"));

        assertThat(answered.progress().state()).isEqualTo(ReleaseState.FAILED);
        assertThat(answered.progress().reason())
                .startsWith("the rollback failed: the previous version is not restored");
    }

    @Test
    void anAnswerToALateDecisionIsNotedWithoutChangingTheOutcome() {
        ReleaseProgress succeeded = run(promoted(ID, 4));

        Transition answered =
                ReleaseLifecycle.apply(succeeded, rollbackSuperseded(ID, 4, StepCompleted.Phase.COMPLETED));

        assertThat(answered.effect()).isEqualTo(Transition.Effect.NOTED);
        assertThat(answered.progress()).isEqualTo(succeeded);
        assertThat(answered.note()).startsWith("the rollback changed nothing: a newer release");
    }

    @Test
    void aSecondRollbackDecisionIsIgnoredButAReTriggerIsNoted() {
        ReleaseProgress rollingBack = run(rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED));
        RollbackTriggered again = rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED);
        RollbackTriggered retrigger = new RollbackTriggered(
                ID,
                again.reason(),
                again.policy(),
                again.triggeredAt(),
                again.triggeredBy(),
                again.causeEventId(),
                again.evidence(),
                again.restoreTo(),
                2,
                "not verified");

        assertThat(ReleaseLifecycle.apply(rollingBack, again).effect()).isEqualTo(Transition.Effect.IGNORED);
        assertThat(ReleaseLifecycle.apply(rollingBack, retrigger).effect()).isEqualTo(Transition.Effect.NOTED);
    }

    @Test
    void nothingChangesATerminalRelease() {
        ReleaseProgress succeeded = run(promoted(ID, 4));

        for (ReleaseEvent late : new ReleaseEvent[] {
            weightSet(ID, 1, 4, 25),
            stepFailed(ID, 1, 4, "x"),
            rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED)
        }) {
            Transition transition = ReleaseLifecycle.apply(succeeded, late);
            assertThat(transition.effect()).as(late.toString()).isEqualTo(Transition.Effect.IGNORED);
            assertThat(transition.progress()).isEqualTo(succeeded);
        }
    }

    @Test
    void evidenceMeasuredBeforeTheRestoreIsKeptEvenWhenItArrivesAfter() {
        ReleaseProgress restored = run(weightSet(ID, 0, 4, 10), rolledBack(ID, 4));

        Transition late = ReleaseLifecycle.apply(restored, healthDegraded(ID));

        assertThat(late.effect()).isEqualTo(Transition.Effect.APPLIED);
        assertThat(late.progress().state()).isEqualTo(ReleaseState.ROLLED_BACK);
        assertThat(late.progress().lastHealth()).isNotNull();
    }

    @Test
    void aDecisionConsumedAfterItsRestoreStillExplainsIt() {
        ReleaseProgress restored = run(weightSet(ID, 0, 4, 10), rolledBack(ID, 4));

        ReleaseProgress explained = ReleaseLifecycle.apply(
                        restored, rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED))
                .progress();

        assertThat(explained.state()).isEqualTo(ReleaseState.ROLLED_BACK);
        assertThat(explained.reason()).startsWith("rolled back:");
    }

    @Test
    void aHealthyVerdictIsNotedWithItsWeightAndChangesNothing() {
        ReleaseProgress progressing = run(weightSet(ID, 0, 4, 10));

        Transition transition = ReleaseLifecycle.apply(progressing, healthPassed(ID, 10));

        assertThat(transition.effect()).isEqualTo(Transition.Effect.NOTED);
        assertThat(transition.progress()).isEqualTo(progressing);
        assertThat(transition.note())
                .isEqualTo("judged HEALTHY at 10% (scrape): "
                        + healthPassed(ID, 10).summary());
    }

    @Test
    void commandsAreNotedForTheAuditTrail() {
        Transition transition = ReleaseLifecycle.apply(
                ReleaseProgress.pending(), EventFixtures.command(ID, ReleaseCommand.Command.PAUSE));

        assertThat(transition.effect()).isEqualTo(Transition.Effect.NOTED);
        assertThat(transition.note()).isEqualTo("pause requested by oncall-maria: test");
    }
}
