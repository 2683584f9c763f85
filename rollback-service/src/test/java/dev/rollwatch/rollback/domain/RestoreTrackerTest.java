package dev.rollwatch.rollback.domain;

import static dev.rollwatch.rollback.domain.DomainFixtures.NOW;
import static dev.rollwatch.rollback.domain.DomainFixtures.RELEASE;
import static dev.rollwatch.rollback.domain.DomainFixtures.SETTINGS;
import static dev.rollwatch.rollback.domain.DomainFixtures.rollbackFailed;
import static dev.rollwatch.rollback.domain.DomainFixtures.rolledBack;
import static dev.rollwatch.rollback.domain.DomainFixtures.running;
import static dev.rollwatch.rollback.domain.DomainFixtures.signal;
import static dev.rollwatch.rollback.domain.RollbackDeciderTest.published;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackPolicy;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Weights;
import dev.rollwatch.events.fixtures.EventFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RestoreTrackerTest {

    private static final Finding RESTORED = Finding.verified(
            "checkout:1.4.1 ready (4/4) and receiving 100% of traffic (Service checkout selects only checkout's pods)");
    private static final Finding CANARY_STILL_UP =
            Finding.notVerified("Service shop/checkout still selects Deployment checkout-canary (1 ready, 1 desired)");
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private final RollbackDecider decider = new RollbackDecider(SETTINGS);
    private final RestoreTracker tracker = new RestoreTracker(SETTINGS);
    private final ReleaseFacts facts = running(RollbackPolicy.AUTOMATIC);

    private Decision triggered() {
        return decider.onDegraded(facts, null, signal(), NOW).decision().orElseThrow();
    }

    private Decision confirmed(Instant at) {
        return tracker.onStep(facts, triggered(), rolledBack(), at).decision().orElseThrow();
    }

    private Decision retriggered() {
        return tracker.onCheck(facts, triggered(), CANARY_STILL_UP, NOW.plus(DEADLINE))
                .decision()
                .orElseThrow();
    }

    @Test
    void theExecutorsRollbackStepConfirmsTheRestoreAndAsksForACheckAtOnce() {
        Instant at = NOW.plusSeconds(20);

        Outcome outcome = tracker.onStep(facts, triggered(), rolledBack(), at);

        Decision decision = outcome.decision().orElseThrow();
        assertThat(decision.confirmedAt()).isEqualTo(at);
        assertThat(decision.nextCheckAt()).isEqualTo(at);
        assertThat(decision.executorReport()).contains("restored checkout:1.4.1");
        assertThat(outcome.effects()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = StepCompleted.Phase.class,
            names = {"ROLLED_BACK", "ABORTED", "FAILED"})
    void aStepThatLeavesTheStableStateRestoredConfirms(StepCompleted.Phase phase) {
        StepCompleted step = EventFixtures.stepCompleted(RELEASE, -1, 4, StepCompleted.Action.SET_WEIGHT, phase, 0);

        assertThat(tracker.onStep(facts, triggered(), step, NOW)
                        .decision()
                        .orElseThrow()
                        .confirmedAt())
                .isEqualTo(NOW);
    }

    @Test
    void anOrdinaryStepIsNoConfirmation() {
        StepCompleted step = EventFixtures.weightSet(RELEASE, 1, 4, 25);

        assertThat(tracker.onStep(facts, triggered(), step, NOW).changed()).isFalse();
    }

    @Test
    void verifiesWhenTheExecutorConfirmedAndTheClusterShowsTheRestore() {
        Instant at = NOW.plusSeconds(25);

        Outcome outcome = tracker.onCheck(facts, confirmed(NOW.plusSeconds(20)), RESTORED, at);

        Decision decision = outcome.decision().orElseThrow();
        assertThat(decision.status()).isEqualTo(DecisionStatus.VERIFIED);
        assertThat(decision.verifiedAt()).isEqualTo(at);
        assertThat(decision.nextCheckAt()).isNull();
        assertThat(published(outcome, RollbackNotice.class)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(RollbackNotice.Kind.RESTORE_VERIFIED);
            assertThat(n.severity()).isEqualTo(RollbackNotice.Severity.INFO);
            assertThat(n.message()).startsWith("checkout:1.4.1 ready (4/4) and receiving 100% of traffic");
        });
    }

    @Test
    void aGoodLookingClusterProvesNothingBeforeTheExecutorReportsTheRestore() {
        Instant at = NOW.plusSeconds(5);

        Outcome outcome = tracker.onCheck(facts, triggered(), RESTORED, at);

        Decision decision = outcome.decision().orElseThrow();
        assertThat(decision.status()).isEqualTo(DecisionStatus.TRIGGERED);
        assertThat(decision.nextCheckAt()).isEqualTo(at.plusSeconds(5));
        assertThat(decision.lastFinding()).startsWith("the executor has not reported the restore; cluster: ");
        assertThat(outcome.effects()).isEmpty();
    }

    @Test
    void keepsCheckingWhileTheClusterIsNotRestoredBeforeTheDeadline() {
        Outcome outcome = tracker.onCheck(facts, confirmed(NOW.plusSeconds(20)), CANARY_STILL_UP, NOW.plusSeconds(30));

        assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.TRIGGERED);
        assertThat(outcome.decision().orElseThrow().lastFinding()).isEqualTo(CANARY_STILL_UP.detail());
        assertThat(outcome.effects()).isEmpty();
    }

    @Test
    void anUnverifiedFirstAttemptIsReTriggeredOnceAsAttemptTwo() {
        Decision first = triggered();
        Instant due = first.verifyDueAt();

        Outcome outcome = tracker.onCheck(facts, first, CANARY_STILL_UP, due);

        Decision decision = outcome.decision().orElseThrow();
        assertThat(decision.attempt()).isEqualTo(2);
        assertThat(decision.status()).isEqualTo(DecisionStatus.TRIGGERED);
        assertThat(decision.verifyDueAt()).isEqualTo(due.plus(DEADLINE));
        assertThat(decision.triggeredAt()).isEqualTo(first.triggeredAt());
        assertThat(published(outcome, RollbackTriggered.class)).singleElement().satisfies(t -> {
            assertThat(t.attempt()).isEqualTo(2);
            assertThat(t.reason()).isEqualTo(RollbackTriggered.Reason.HEALTH_DEGRADED);
            assertThat(t.causeEventId()).isEqualTo(first.causeEventId());
            assertThat(t.evidence()).isEqualTo(first.evidence());
            assertThat(t.restoreTo()).isEqualTo(EventFixtures.STABLE);
            assertThat(t.message())
                    .contains("not verified within 2m")
                    .contains("the executor has not reported the restore");
        });
    }

    @Test
    void anUnverifiedSecondAttemptPagesPeopleAndIsNeverTriggeredAgain() {
        Decision second = retriggered();

        Outcome outcome = tracker.onCheck(facts, second, CANARY_STILL_UP, second.verifyDueAt());

        Decision decision = outcome.decision().orElseThrow();
        assertThat(decision.status()).isEqualTo(DecisionStatus.UNVERIFIED);
        assertThat(decision.attempt()).isEqualTo(2);
        assertThat(published(outcome, RollbackTriggered.class)).isEmpty();
        assertThat(published(outcome, RollbackNotice.class)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(RollbackNotice.Kind.RESTORE_UNVERIFIED);
            assertThat(n.severity()).isEqualTo(RollbackNotice.Severity.CRITICAL);
            assertThat(n.message()).contains("2 attempts").contains("checkout-canary");
        });
    }

    @Test
    void atTheLastDeadlineAClusterShowingTheRestoreIsEnoughWithoutTheExecutorsReport() {
        Decision second = retriggered();

        Outcome outcome = tracker.onCheck(facts, second, RESTORED, second.verifyDueAt());

        assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.VERIFIED);
        assertThat(published(outcome, RollbackNotice.class)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(RollbackNotice.Kind.RESTORE_VERIFIED);
            assertThat(n.message()).contains("the executor never reported the restore");
        });
    }

    @Test
    void atTheFirstDeadlineAClusterShowingTheRestoreWithoutTheExecutorsReportIsReTriggered() {
        Decision first = triggered();

        Outcome outcome = tracker.onCheck(facts, first, RESTORED, first.verifyDueAt());

        assertThat(published(outcome, RollbackTriggered.class))
                .singleElement()
                .satisfies(t -> assertThat(t.attempt()).isEqualTo(2));
    }

    @Test
    void aRestoreSeenAfterTheAlertIsReportedAsVerified() {
        Decision second = retriggered();
        Decision alerted = tracker.onCheck(facts, second, CANARY_STILL_UP, second.verifyDueAt())
                .decision()
                .orElseThrow();

        Outcome outcome = tracker.onCheck(facts, alerted, RESTORED, alerted.nextCheckAt());

        assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.VERIFIED);
        assertThat(published(outcome, RollbackNotice.class)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(RollbackNotice.Kind.RESTORE_VERIFIED);
            assertThat(n.message()).contains("after the unverified-restore alert");
        });
    }

    @Test
    void stopsCheckingAnUnverifiedRestoreAfterAWhile() {
        Decision second = retriggered();
        Decision alerted = tracker.onCheck(facts, second, CANARY_STILL_UP, second.verifyDueAt())
                .decision()
                .orElseThrow();
        Decision late = alerted.toBuilder().nextCheckAt(alerted.giveUpAt()).build();

        Outcome outcome = tracker.onCheck(facts, late, CANARY_STILL_UP, alerted.giveUpAt());

        assertThat(outcome.decision().orElseThrow().nextCheckAt()).isNull();
        assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.UNVERIFIED);
        assertThat(outcome.effects()).isEmpty();
    }

    @Test
    void aFailedRestoreEndsTheWaitAtOnce() {
        Instant at = NOW.plusSeconds(10);
        Decision failed = tracker.onStep(facts, triggered(), rollbackFailed(), at)
                .decision()
                .orElseThrow();

        assertThat(failed.verifyDueAt()).isEqualTo(at);
        Outcome outcome = tracker.onCheck(facts, failed, CANARY_STILL_UP, at);

        assertThat(published(outcome, RollbackTriggered.class)).singleElement().satisfies(t -> {
            assertThat(t.attempt()).isEqualTo(2);
            assertThat(t.message()).contains("restore failed: Deployment checkout: 409 conflict");
        });
    }

    @Test
    void aRestoreTheExecutorKeepsRetryingPagesOnceWithoutAReTriggerAndIsVerifiedWhenARetrySucceeds() {
        Instant at = NOW.plusSeconds(10);

        Outcome failing = tracker.onStep(facts, triggered(), restoreFailing(), at);

        Decision alerted = failing.decision().orElseThrow();
        assertThat(alerted.status()).isEqualTo(DecisionStatus.UNVERIFIED);
        assertThat(published(failing, RollbackTriggered.class)).isEmpty();
        assertThat(published(failing, RollbackNotice.class)).singleElement().satisfies(notice -> {
            assertThat(notice.severity()).isEqualTo(RollbackNotice.Severity.CRITICAL);
            assertThat(notice.message())
                    .startsWith("the executor could not restore the previous version (restore of the stable state"
                            + " failed: Service shop/checkout not found")
                    .contains("resolve the release");
        });
        // The executor's later failures of the same restore do not page again.
        assertThat(tracker.onStep(facts, alerted, restoreFailing(), at.plusSeconds(30))
                        .effects())
                .isEmpty();

        Decision restored = tracker.onStep(facts, alerted, rolledBack(), at.plusSeconds(90))
                .decision()
                .orElseThrow();
        Outcome check = tracker.onCheck(facts, restored, RESTORED, at.plusSeconds(90));
        assertThat(check.decision().orElseThrow().status()).isEqualTo(DecisionStatus.VERIFIED);
        assertThat(published(check, RollbackNotice.class))
                .singleElement()
                .satisfies(notice -> assertThat(notice.kind()).isEqualTo(RollbackNotice.Kind.RESTORE_VERIFIED));
    }

    private static StepCompleted restoreFailing() {
        return new StepCompleted(
                RELEASE,
                -1,
                4,
                StepCompleted.Action.ROLLBACK,
                StepCompleted.Outcome.FAILED,
                StepCompleted.Phase.RESTORE_FAILED,
                Weights.canary(10),
                NOW,
                NOW.plusSeconds(10),
                "restore of the stable state failed: Service shop/checkout not found; it is tried again until it"
                        + " succeeds or someone resolves the release",
                rolledBack().stable(),
                StepCompleted.RollbackAnswer.FAILED);
    }

    @Test
    void withoutClusterVerificationTheExecutorsWordConfirmsWithoutANotice() {
        Finding notRead = Finding.notChecked("cluster verification is off");

        Outcome outcome = tracker.onCheck(facts, confirmed(NOW), notRead, NOW);

        assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.CONFIRMED);
        assertThat(outcome.effects()).isEmpty();
    }

    @Test
    void aCheckThatIsNotDueChangesNothing() {
        Decision first = triggered();

        assertThat(tracker.onCheck(facts, first, RESTORED, first.nextCheckAt().minusMillis(1))
                        .changed())
                .isFalse();
        assertThat(tracker.onCheck(facts, null, RESTORED, NOW).changed()).isFalse();
    }

    @Test
    void aVerifiedRestoreIsNotCheckedAgain() {
        Decision verified =
                tracker.onCheck(facts, confirmed(NOW), RESTORED, NOW).decision().orElseThrow();

        assertThat(RestoreTracker.checkDue(verified, NOW.plusSeconds(3600))).isFalse();
        assertThat(tracker.onStep(facts, verified, rolledBack(), NOW).changed()).isFalse();
    }

    @Test
    void aPromotionConsumedAfterTheDecisionEndsTheWaitWithoutReTriggerOrPage() {
        StepCompleted promoted = EventFixtures.promoted(RELEASE, 4);
        ReleaseFacts completed = facts.after(promoted);
        Instant at = NOW.plusSeconds(3);

        Outcome outcome = tracker.onStep(completed, triggered(), promoted, at);

        Decision decision = outcome.decision().orElseThrow();
        assertThat(decision.status()).isEqualTo(DecisionStatus.TOO_LATE);
        assertThat(decision.nextCheckAt()).isNull();
        assertThat(decision.note()).contains("the release was already promoted when the rollback reached the executor");
        assertThat(outcome.effects()).isEmpty();
        assertThat(RestoreTracker.checkDue(decision, decision.verifyDueAt().plus(DEADLINE)))
                .isFalse();
        assertThat(tracker.onCheck(
                                completed,
                                decision,
                                CANARY_STILL_UP,
                                decision.verifyDueAt().plus(DEADLINE))
                        .changed())
                .isFalse();
    }

    @Test
    void theExecutorsAnswerThatTheReleaseWasAlreadyPromotedIsNoFailedRestore() {
        StepCompleted answer = EventFixtures.rollbackTooLate(RELEASE, 4);

        Outcome outcome = tracker.onStep(facts.after(answer), retriggered(), answer, NOW.plusSeconds(130));

        Decision decision = outcome.decision().orElseThrow();
        assertThat(decision.status()).isEqualTo(DecisionStatus.TOO_LATE);
        assertThat(decision.attempt()).isEqualTo(2);
        assertThat(decision.executorReport()).contains("too late: the release was already promoted");
        assertThat(published(outcome, RollbackTriggered.class)).isEmpty();
        assertThat(published(outcome, RollbackNotice.class)).isEmpty();
    }

    @Test
    void aReleaseThatWasRefusedBeforeChangingAnythingEndsTheWaitWithoutReTriggerOrPage() {
        // Refused because another release of its Deployment was in flight: no stable state was ever recorded.
        ReleaseFacts refused = new ReleaseFacts(RELEASE, DomainFixtures.request(RollbackPolicy.AUTOMATIC), null, null);
        Decision first =
                decider.onDegraded(refused, null, signal(), NOW).decision().orElseThrow();
        StepCompleted answer = new StepCompleted(
                RELEASE,
                -1,
                4,
                StepCompleted.Action.ROLLBACK,
                StepCompleted.Outcome.SUCCEEDED,
                StepCompleted.Phase.FAILED,
                Weights.ALL_STABLE,
                NOW,
                NOW,
                "nothing to restore: the release failed before it changed anything",
                null);

        Outcome outcome = tracker.onStep(refused.after(answer), first, answer, NOW.plusSeconds(2));

        Decision decision = outcome.decision().orElseThrow();
        assertThat(decision.status()).isEqualTo(DecisionStatus.NOTHING_CHANGED);
        assertThat(decision.status().rollbackTriggered()).isTrue();
        assertThat(decision.executorReport()).contains("nothing to restore");
        assertThat(outcome.effects()).isEmpty();
        assertThat(RestoreTracker.checkDue(decision, first.verifyDueAt().plus(DEADLINE)))
                .isFalse();
    }

    @Test
    void aCheckOfAReleaseKnownToBePromotedEndsTheWaitInsteadOfReTriggering() {
        Decision first = triggered();
        ReleaseFacts completed = facts.after(EventFixtures.promoted(RELEASE, 4));

        Outcome outcome = tracker.onCheck(completed, first, CANARY_STILL_UP, first.verifyDueAt());

        assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.TOO_LATE);
        assertThat(outcome.effects()).isEmpty();
    }

    /** The fix released again after the rollback: its canary runs beside the stable Deployment. */
    private Finding fixRunning(Instant requestedAt) {
        return Finding.notVerified(
                        "Service shop/checkout still selects Deployment checkout-canary (1 ready, 1 desired)")
                .withClaims(List.of(Claim.marked("checkout-1.4.3", "Deployment shop/checkout-canary")
                        .requested(requestedAt, "shop/checkout")));
    }

    @Test
    void aNewerReleaseTakingOverTheRestoresObjectsEndsTheWaitAtOnceWithoutReTriggerOrPage() {
        Instant requested = facts.request().requestedAt();
        Decision confirmed = confirmed(NOW.plusSeconds(20));
        Instant at = NOW.plusSeconds(40);

        Outcome outcome = tracker.onCheck(facts, confirmed, fixRunning(requested.plus(Duration.ofMinutes(4))), at);

        Decision decision = outcome.decision().orElseThrow();
        assertThat(decision.status()).isEqualTo(DecisionStatus.SUPERSEDED);
        assertThat(decision.supersededBy()).isEqualTo("checkout-1.4.3");
        assertThat(decision.nextCheckAt()).isNull();
        assertThat(decision.attempt()).isEqualTo(1);
        assertThat(decision.note())
                .startsWith("superseded by release checkout-1.4.3")
                .contains("now owns Deployment shop/checkout-canary");
        assertThat(outcome.effects()).isEmpty();
        assertThat(RestoreTracker.checkDue(decision, at.plus(DEADLINE))).isFalse();
        assertThat(decision.status().rollbackTriggered()).isTrue();
    }

    @Test
    void theNewestOfSeveralLaterReleasesIsTheOneThatSupersededIt() {
        Instant requested = facts.request().requestedAt();
        Decision first = triggered();
        Finding finding = Finding.notVerified(
                        "Deployment shop/checkout runs checkout:1.4.4, expected the stable " + "checkout:1.4.1")
                .withClaims(List.of(
                        Claim.marked("checkout-1.4.3", "Deployment shop/checkout-canary")
                                .requested(requested.plusSeconds(60), "shop/checkout"),
                        Claim.marked("checkout-1.4.4", "Deployment shop/checkout")
                                .requested(requested.plusSeconds(600), "shop/checkout")));

        Decision decision = tracker.onCheck(facts, first, finding, first.nextCheckAt())
                .decision()
                .orElseThrow();

        assertThat(decision.supersededBy()).isEqualTo("checkout-1.4.4");
        assertThat(decision.lastFinding()).contains("runs checkout:1.4.4");
    }

    @Test
    void aNewerReleaseOfAnotherApplicationOnASharedRoutingObjectDoesNotHideAMissingRestore() {
        Decision first = triggered();
        Finding finding = Finding.notVerified("VirtualService shop/storefront sends 50% to checkout-canary")
                .withClaims(List.of(Claim.marked("cart-2.0.0", "VirtualService shop/storefront")
                        .requested(facts.request().requestedAt().plusSeconds(60), "shop/cart")));

        Outcome outcome = tracker.onCheck(facts, first, finding, first.verifyDueAt());

        assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.TRIGGERED);
        assertThat(published(outcome, RollbackTriggered.class))
                .singleElement()
                .satisfies(t -> assertThat(t.attempt()).isEqualTo(2));
    }

    @Test
    void theMarkOfAnOlderReleaseIsARemainThatDoesNotHideAMissingRestore() {
        Decision first = triggered();
        Finding olderMark = fixRunning(facts.request().requestedAt().minus(Duration.ofDays(2)));

        Outcome outcome = tracker.onCheck(facts, first, olderMark, first.verifyDueAt());

        assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.TRIGGERED);
        assertThat(published(outcome, RollbackTriggered.class))
                .singleElement()
                .satisfies(t -> assertThat(t.attempt()).isEqualTo(2));
    }

    @Test
    void theMarkOfAReleaseWhoseRequestWasNeverSeenSupersedesNothing() {
        Decision second = retriggered();

        Outcome outcome = tracker.onCheck(facts, second, fixRunning(null), second.verifyDueAt());

        assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.UNVERIFIED);
    }

    @Test
    void aRestoreTheClusterShowsIsVerifiedWhateverElseIsMarked() {
        Finding restoredWithMarks =
                RESTORED.withClaims(fixRunning(NOW.plus(DEADLINE)).claims());

        Outcome outcome = tracker.onCheck(facts, confirmed(NOW), restoredWithMarks, NOW);

        assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.VERIFIED);
    }

    @Test
    void aNewerReleaseAfterTheAlertStopsTheChecksWithoutAnotherNotice() {
        Decision second = retriggered();
        Decision alerted = tracker.onCheck(facts, second, CANARY_STILL_UP, second.verifyDueAt())
                .decision()
                .orElseThrow();

        Outcome outcome = tracker.onCheck(
                facts,
                alerted,
                fixRunning(facts.request().requestedAt().plus(Duration.ofMinutes(5))),
                alerted.nextCheckAt());

        Decision decision = outcome.decision().orElseThrow();
        assertThat(decision.status()).isEqualTo(DecisionStatus.SUPERSEDED);
        assertThat(decision.alertedAt()).isEqualTo(alerted.alertedAt());
        assertThat(decision.nextCheckAt()).isNull();
        assertThat(outcome.effects()).isEmpty();
    }

    @Test
    void aRecommendationIsDismissedWhenTheReleaseFinishesFirst() {
        ReleaseFacts manual = running(RollbackPolicy.MANUAL);
        Decision recommended =
                decider.onDegraded(manual, null, signal(), NOW).decision().orElseThrow();
        StepCompleted promoted = EventFixtures.promoted(RELEASE, 4);

        Outcome outcome = tracker.onStep(manual.after(promoted), recommended, promoted, NOW);

        assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.DISMISSED);
        assertThat(outcome.effects()).isEmpty();
    }
}
