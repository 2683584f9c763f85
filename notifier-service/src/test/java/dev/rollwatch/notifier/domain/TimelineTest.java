package dev.rollwatch.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted.RollbackAnswer;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.outcome.ReleaseOutcome;
import dev.rollwatch.notifier.domain.IncidentStep.ComponentStatus;
import dev.rollwatch.notifier.domain.IncidentStep.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final String ID = "rel-1";

    private static ReleaseView after(ReleaseView view, Object... events) {
        ReleaseView current = view;
        for (Object event : events) {
            current = Timeline.apply(current, (dev.rollwatch.events.ReleaseEvent) event)
                    .view();
        }
        return current;
    }

    @Test
    void aWeightStepMovesTheParentToProgressingWithStepAndWeight() {
        Change change = Timeline.apply(ReleaseView.requested(), EventFixtures.weightSet(ID, 1, 4, 25));

        assertThat(change.parentChanged()).isTrue();
        assertThat(change.view().state()).isEqualTo(DisplayState.PROGRESSING);
        assertThat(change.view().step()).isEqualTo(2);
        assertThat(change.view().stepCount()).isEqualTo(4);
        assertThat(change.view().canaryWeight()).isEqualTo(25);
        assertThat(change.reply().kind()).isEqualTo(NoticeKind.STEP_WEIGHT);
        assertThat(change.reply().vars()).containsEntry("step", 2).containsEntry("weight", 25);
        assertThat(change.incident()).isNull();
    }

    @Test
    void aPauseShowsOnTheParentWhatItWaitsFor() {
        ReleaseView view = after(ReleaseView.requested(), EventFixtures.weightSet(ID, 0, 4, 10));
        dev.rollwatch.events.StepCompleted waiting = new dev.rollwatch.events.StepCompleted(
                ID,
                1,
                4,
                dev.rollwatch.events.StepCompleted.Action.PAUSE,
                dev.rollwatch.events.StepCompleted.Outcome.SUCCEEDED,
                dev.rollwatch.events.StepCompleted.Phase.PAUSED,
                dev.rollwatch.events.Weights.canary(10),
                EventFixtures.T0,
                EventFixtures.T0.plusSeconds(1),
                "waiting for the new version to be judged HEALTHY at 10% before setWeight 20%",
                EventFixtures.STABLE);

        Change change = Timeline.apply(view, waiting);

        assertThat(change.view().state()).isEqualTo(DisplayState.PAUSED);
        assertThat(change.view().note())
                .isEqualTo("waiting for the new version to be judged HEALTHY at 10% before setWeight 20%");
    }

    @Test
    void promotionSucceedsWithoutAnIncident() {
        ReleaseView view = after(ReleaseView.requested(), EventFixtures.weightSet(ID, 0, 4, 10));

        Change change = Timeline.apply(view, EventFixtures.promoted(ID, 4));

        assertThat(change.view().state()).isEqualTo(DisplayState.SUCCEEDED);
        assertThat(change.reply().kind()).isEqualTo(NoticeKind.STEP_PROMOTE);
        assertThat(change.reply().tone()).isEqualTo(Tone.SUCCESS);
        assertThat(change.incident()).isNull();
        assertThat(change.view().incident()).isEqualTo(IncidentState.NONE);
    }

    @Test
    void degradationOpensAnIncidentWithTheComponentDegradedAndShowsTheEvidence() {
        ReleaseView view = after(ReleaseView.requested(), EventFixtures.weightSet(ID, 0, 4, 10));

        Change change = Timeline.apply(view, EventFixtures.healthDegraded(ID));

        assertThat(change.view().state()).isEqualTo(DisplayState.DEGRADED);
        assertThat(change.view().note()).isEqualTo("error rate 12.4% > 5% for 3 consecutive windows");
        assertThat(change.incident())
                .isEqualTo(new IncidentStep(
                        DeliveryKind.INCIDENT_OPEN,
                        Status.INVESTIGATING,
                        ComponentStatus.DEGRADED_PERFORMANCE,
                        "incident.degraded"));
        assertThat(change.reply().fields())
                .extracting(Notice.Field::label, Notice.Field::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Metric", "errorRate"),
                        org.assertj.core.groups.Tuple.tuple("Observed", "12.4%"),
                        org.assertj.core.groups.Tuple.tuple("Threshold", "5%"),
                        org.assertj.core.groups.Tuple.tuple("Window", "1m"),
                        org.assertj.core.groups.Tuple.tuple("Baseline", "0.4%"),
                        org.assertj.core.groups.Tuple.tuple("Requests", "1840"));
    }

    @Test
    void aDegradationOnFailingPodsShowsThemAsPodsAgainstTheirLimit() {
        ReleaseView view = after(ReleaseView.requested(), EventFixtures.weightSet(ID, 0, 4, 10));
        HealthDegraded degraded = new HealthDegraded(
                ID,
                EventFixtures.T0,
                EventFixtures.T0,
                1,
                10,
                "scrape",
                List.of(FormatsTest.podFailures(3, 1)),
                "3 pod failures in 2m (limit 3): shop-canary-1 restarted");

        Change change = Timeline.apply(view, degraded);

        assertThat(change.reply().vars().get("evidence")).isEqualTo(List.of("pod failures 3 (limit 3) in 2m, 1 pod"));
        assertThat(change.reply().fields())
                .extracting(Notice.Field::label, Notice.Field::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Metric", "podFailures"),
                        org.assertj.core.groups.Tuple.tuple("Observed", "3"),
                        org.assertj.core.groups.Tuple.tuple("Limit", "3"),
                        org.assertj.core.groups.Tuple.tuple("Window", "2m"),
                        org.assertj.core.groups.Tuple.tuple("Pods", "1"));
    }

    @Test
    void theIncidentFollowsTheRollbackUntilTheRestoreIsVerified() {
        ReleaseView view =
                after(ReleaseView.requested(), EventFixtures.weightSet(ID, 0, 4, 10), EventFixtures.healthDegraded(ID));

        Change rollback =
                Timeline.apply(view, EventFixtures.rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED));
        assertThat(rollback.view().state()).isEqualTo(DisplayState.ROLLING_BACK);
        assertThat(rollback.incident())
                .isEqualTo(new IncidentStep(
                        DeliveryKind.INCIDENT_UPDATE,
                        Status.IDENTIFIED,
                        ComponentStatus.PARTIAL_OUTAGE,
                        "incident.rollback"));

        Change restored = Timeline.apply(rollback.view(), EventFixtures.rolledBack(ID, 4));
        assertThat(restored.view().state()).isEqualTo(DisplayState.ROLLED_BACK);
        assertThat(restored.incident().status()).isEqualTo(Status.MONITORING);

        Change verified =
                Timeline.apply(restored.view(), EventFixtures.rollbackNotice(ID, RollbackNotice.Kind.RESTORE_VERIFIED));
        assertThat(verified.view().state()).isEqualTo(DisplayState.RESTORE_VERIFIED);
        assertThat(verified.incident())
                .isEqualTo(new IncidentStep(
                        DeliveryKind.INCIDENT_RESOLVE,
                        Status.RESOLVED,
                        ComponentStatus.OPERATIONAL,
                        "incident.resolved"));
        assertThat(verified.view().incident()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void aManualAbortOfAHealthyReleaseOpensNoIncident() {
        ReleaseView view = after(ReleaseView.requested(), EventFixtures.weightSet(ID, 0, 4, 10));

        Change change =
                Timeline.apply(view, EventFixtures.rollbackTriggered(ID, RollbackTriggered.Reason.MANUAL_ABORT));

        assertThat(change.view().state()).isEqualTo(DisplayState.ROLLING_BACK);
        assertThat(change.incident()).isNull();
        assertThat(change.reply().vars()).containsEntry("triggeredBy", "oncall-maria");
    }

    @Test
    void aStepReportedAfterTheRollbackStartedDoesNotMoveTheParentBackToProgressing() {
        ReleaseView rollingBack = after(
                ReleaseView.requested(),
                EventFixtures.weightSet(ID, 0, 4, 10),
                EventFixtures.rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED));

        Change late = Timeline.apply(rollingBack, EventFixtures.weightSet(ID, 1, 4, 25));

        assertThat(late.view().state()).isEqualTo(DisplayState.ROLLING_BACK);
        assertThat(late.reply()).isNotNull();
    }

    @Test
    void aDegradationReportedAfterTheRestoreWasVerifiedNeitherReopensTheIncidentNorMovesTheParent() {
        ReleaseView verified = after(
                ReleaseView.requested(),
                EventFixtures.healthDegraded(ID),
                EventFixtures.rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED),
                EventFixtures.rolledBack(ID, 4),
                EventFixtures.rollbackNotice(ID, RollbackNotice.Kind.RESTORE_VERIFIED));

        Change late = Timeline.apply(verified, EventFixtures.healthDegraded(ID));

        assertThat(late.view().state()).isEqualTo(DisplayState.RESTORE_VERIFIED);
        assertThat(late.incident()).isNull();
        assertThat(late.parentChanged()).isFalse();
    }

    @Test
    void aRollbackDecisionConsumedAfterItsRestoreKeepsTheReleaseRolledBack() {
        ReleaseView rolledBack = after(ReleaseView.requested(), EventFixtures.rolledBack(ID, 4));

        Change late = Timeline.apply(
                rolledBack, EventFixtures.rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED));

        assertThat(late.view().state()).isEqualTo(DisplayState.ROLLED_BACK);
    }

    @Test
    void anUnverifiedRestoreIsUrgentAndOpensAnIncidentEvenWithoutADegradation() {
        ReleaseView rolledBack = after(ReleaseView.requested(), EventFixtures.rolledBack(ID, 4));

        Change change =
                Timeline.apply(rolledBack, EventFixtures.rollbackNotice(ID, RollbackNotice.Kind.RESTORE_UNVERIFIED));

        assertThat(change.view().state()).isEqualTo(DisplayState.RESTORE_UNVERIFIED);
        assertThat(change.reply().urgent()).isTrue();
        assertThat(change.reply().tone()).isEqualTo(Tone.CRITICAL);
        assertThat(change.incident().kind()).isEqualTo(DeliveryKind.INCIDENT_OPEN);
    }

    @Test
    void aRecommendedRollbackAsksPeopleToActBeforeTheDeadline() {
        ReleaseView degraded = after(ReleaseView.requested(), EventFixtures.healthDegraded(ID));

        Change change =
                Timeline.apply(degraded, EventFixtures.rollbackNotice(ID, RollbackNotice.Kind.ROLLBACK_RECOMMENDED));

        assertThat(change.reply().urgent()).isTrue();
        assertThat(change.reply().vars()).containsEntry("deadline", "2026-11-20 14:12:11 UTC");
        assertThat(change.incident().kind()).isEqualTo(DeliveryKind.INCIDENT_UPDATE);
    }

    @Test
    void aFrozenReleaseStaysFrozenThroughLaterSteps() {
        ReleaseView frozen = after(
                ReleaseView.requested(),
                EventFixtures.healthDegraded(ID),
                EventFixtures.rollbackNotice(ID, RollbackNotice.Kind.RELEASE_FROZEN));

        assertThat(frozen.state()).isEqualTo(DisplayState.FROZEN);
        assertThat(after(frozen, EventFixtures.weightSet(ID, 2, 4, 50)).state()).isEqualTo(DisplayState.FROZEN);
    }

    @Test
    void healthWarningsAndCommandsAreRepliesOnly() {
        ReleaseView view = after(ReleaseView.requested(), EventFixtures.weightSet(ID, 0, 4, 10));

        Change warning = Timeline.apply(view, EventFixtures.healthWarning(ID));
        Change command =
                Timeline.apply(view, EventFixtures.command(ID, dev.rollwatch.events.ReleaseCommand.Command.PAUSE));

        assertThat(warning.parentChanged()).isFalse();
        assertThat(warning.reply().kind()).isEqualTo(NoticeKind.HEALTH_WARNING);
        assertThat(warning.reply().urgent()).isTrue();
        assertThat(command.parentChanged()).isFalse();
        assertThat(command.reply().vars())
                .containsEntry("command", "pause")
                .containsEntry("requestedBy", "oncall-maria");
    }

    @Test
    void aFailedRollbackStepIsCriticalAndEndsTheReleaseFailed() {
        ReleaseView rollingBack = after(
                ReleaseView.requested(),
                EventFixtures.weightSet(ID, 0, 4, 10),
                EventFixtures.rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED));

        Change change =
                Timeline.apply(rollingBack, EventFixtures.rollbackFailed(ID, 4, "deployment checkout not found"));

        assertThat(change.reply().kind()).isEqualTo(NoticeKind.STEP_FAILED);
        assertThat(change.reply().tone()).isEqualTo(Tone.CRITICAL);
        assertThat(change.view().state()).isEqualTo(DisplayState.FAILED);
        assertThat(change.view().note())
                .isEqualTo("the rollback failed: the previous version is not restored (deployment checkout not found)");
    }

    @Test
    void aRestoreTheExecutorKeepsTryingPagesOnceAndShowsRestoreFailedUntilARetryRestoresIt() {
        ReleaseView rollingBack = after(
                ReleaseView.requested(),
                EventFixtures.weightSet(ID, 0, 4, 10),
                EventFixtures.rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED));

        Change failing =
                Timeline.apply(rollingBack, EventFixtures.restoreFailing(ID, 4, "Service shop/checkout not found"));

        assertThat(failing.view().state()).isEqualTo(DisplayState.RESTORE_FAILED);
        assertThat(failing.view().state().release().isTerminal()).isFalse();
        assertThat(failing.reply().kind()).isEqualTo(NoticeKind.RESTORE_FAILED);
        assertThat(failing.reply().urgent()).isTrue();
        assertThat(failing.incident().template()).isEqualTo("incident.restore-unverified");
        // The rollback-service's alert about the same failure does not turn it into an ended rollback.
        ReleaseView alerted =
                after(failing.view(), EventFixtures.rollbackNotice(ID, RollbackNotice.Kind.RESTORE_UNVERIFIED));
        assertThat(alerted.state()).isEqualTo(DisplayState.RESTORE_FAILED);

        assertThat(after(alerted, EventFixtures.rolledBack(ID, 4)).state()).isEqualTo(DisplayState.ROLLED_BACK);
    }

    @Test
    void aResolvedRestoreFailureEndsTheReleaseFailedWithoutAnotherPage() {
        ReleaseView failing = after(
                ReleaseView.requested(),
                EventFixtures.weightSet(ID, 0, 4, 10),
                EventFixtures.rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED),
                EventFixtures.restoreFailing(ID, 4, "Service shop/checkout not found"));

        Change resolved = Timeline.apply(
                failing, EventFixtures.restoreResolved(ID, 4, "resolve by alice: the restore is no longer tried"));

        assertThat(resolved.view().state()).isEqualTo(DisplayState.FAILED);
        assertThat(resolved.reply().kind()).isEqualTo(NoticeKind.RESTORE_RESOLVED);
        assertThat(resolved.reply().urgent()).isFalse();
        assertThat(resolved.incident()).isNull();
    }

    @Test
    void aRollbackThatCameAfterThePromotionLeavesTheReleaseSucceededWithAWarningNotAFailure() {
        ReleaseView promoted = after(ReleaseView.requested(), EventFixtures.promoted(ID, 4));

        ReleaseView decided = Timeline.apply(
                        promoted, EventFixtures.rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED))
                .view();
        Change answered = Timeline.apply(decided, EventFixtures.rollbackTooLate(ID, 4));

        assertThat(decided.state()).isEqualTo(DisplayState.SUCCEEDED);
        assertThat(decided.incident()).isNotEqualTo(IncidentState.OPEN);
        assertThat(Timeline.apply(
                                promoted, EventFixtures.rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED))
                        .reply()
                        .vars())
                .containsEntry("late", true);
        assertThat(answered.view().state()).isEqualTo(DisplayState.SUCCEEDED);
        assertThat(answered.reply().kind()).isEqualTo(NoticeKind.ROLLBACK_ANSWERED);
        assertThat(answered.reply().tone()).isEqualTo(Tone.WARNING);
        assertThat(answered.reply().vars()).containsEntry("answer", ReleaseOutcome.summary(RollbackAnswer.TOO_LATE));
    }

    @Test
    void aPromotionThatBeatTheDecisionEndsTheRollbackAndTheIncidentSaysWhy() {
        ReleaseView rollingBack = after(
                ReleaseView.requested(),
                EventFixtures.weightSet(ID, 0, 4, 10),
                EventFixtures.rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED));

        ReleaseView promoted =
                Timeline.apply(rollingBack, EventFixtures.promoted(ID, 4)).view();
        Change answered = Timeline.apply(promoted, EventFixtures.rollbackTooLate(ID, 4));

        assertThat(rollingBack.incident()).isEqualTo(IncidentState.OPEN);
        assertThat(promoted.state()).isEqualTo(DisplayState.SUCCEEDED);
        assertThat(answered.view().state()).isEqualTo(DisplayState.SUCCEEDED);
        assertThat(answered.incident().template()).isEqualTo("incident.rollback-too-late");
    }

    @Test
    void aReTriggerAfterAnUnverifiedRestoreReadsAsRollingBackAgainNotAsALateDecision() {
        ReleaseView rolledBack = after(
                ReleaseView.requested(),
                EventFixtures.rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED),
                EventFixtures.rolledBack(ID, 4));
        RollbackTriggered first = EventFixtures.rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED);
        RollbackTriggered again = new RollbackTriggered(
                ID,
                first.reason(),
                first.policy(),
                first.triggeredAt(),
                first.triggeredBy(),
                first.causeEventId(),
                first.evidence(),
                first.restoreTo(),
                2,
                "restore not verified");

        Change change = Timeline.apply(rolledBack, again);

        assertThat(change.view().state()).isEqualTo(DisplayState.ROLLED_BACK);
        assertThat(change.reply().vars()).containsEntry("late", false).containsEntry("retrigger", true);
        assertThat(change.reply().urgent()).isTrue();
    }

    @Test
    void aSupersededRollbackChangesNothingAndIsNoAlarm() {
        ReleaseView rolledBack = after(
                ReleaseView.requested(),
                EventFixtures.rollbackTriggered(ID, RollbackTriggered.Reason.HEALTH_DEGRADED),
                EventFixtures.rolledBack(ID, 4));

        Change answered = Timeline.apply(
                rolledBack,
                EventFixtures.rollbackSuperseded(ID, 4, dev.rollwatch.events.StepCompleted.Phase.ROLLED_BACK));

        assertThat(answered.view().state()).isEqualTo(DisplayState.ROLLED_BACK);
        assertThat(answered.reply().kind()).isEqualTo(NoticeKind.ROLLBACK_ANSWERED);
        assertThat(answered.reply().tone()).isEqualTo(Tone.INFO);
        assertThat(answered.reply().urgent()).isFalse();
        assertThat(answered.incident()).isNull();
    }
}
