package dev.rollwatch.rollback.domain;

import static dev.rollwatch.rollback.domain.DomainFixtures.IMAGE;
import static dev.rollwatch.rollback.domain.DomainFixtures.NOW;
import static dev.rollwatch.rollback.domain.DomainFixtures.RELEASE;
import static dev.rollwatch.rollback.domain.DomainFixtures.SETTINGS;
import static dev.rollwatch.rollback.domain.DomainFixtures.abort;
import static dev.rollwatch.rollback.domain.DomainFixtures.inPhase;
import static dev.rollwatch.rollback.domain.DomainFixtures.running;
import static dev.rollwatch.rollback.domain.DomainFixtures.signal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackPolicy;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.fixtures.EventFixtures;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RollbackDeciderTest {

    private final RollbackDecider decider = new RollbackDecider(SETTINGS);

    static <T> List<T> published(Outcome outcome, Class<T> type) {
        return outcome.effects().stream()
                .flatMap(e -> e instanceof Effect.Publish p && type.isInstance(p.event())
                        ? Stream.of(type.cast(p.event()))
                        : Stream.empty())
                .toList();
    }

    static List<Effect.Quarantine> quarantines(Outcome outcome) {
        return outcome.effects().stream()
                .filter(Effect.Quarantine.class::isInstance)
                .map(Effect.Quarantine.class::cast)
                .toList();
    }

    @Nested
    class Automatic {

        @Test
        void rollsBackAtOnceWithTheEvidenceAndTheStableStateToRestore() {
            DegradedSignal signal = signal();

            Outcome outcome = decider.onDegraded(running(RollbackPolicy.AUTOMATIC), null, signal, NOW);

            assertThat(outcome.inputEffect()).isEqualTo(InputEffect.DECIDED);
            Decision decision = outcome.decision().orElseThrow();
            assertThat(decision.status()).isEqualTo(DecisionStatus.TRIGGERED);
            assertThat(decision.attempt()).isEqualTo(1);
            assertThat(decision.verifyDueAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
            assertThat(published(outcome, RollbackTriggered.class))
                    .singleElement()
                    .satisfies(t -> {
                        assertThat(t.releaseId()).isEqualTo(RELEASE);
                        assertThat(t.reason()).isEqualTo(RollbackTriggered.Reason.HEALTH_DEGRADED);
                        assertThat(t.policy()).isEqualTo(RollbackPolicy.AUTOMATIC);
                        assertThat(t.triggeredBy()).isEqualTo("rollback-service");
                        assertThat(t.causeEventId()).isEqualTo(signal.eventId());
                        assertThat(t.evidence()).isEqualTo(signal.evidence());
                        assertThat(t.restoreTo()).isEqualTo(EventFixtures.STABLE);
                        assertThat(t.attempt()).isEqualTo(1);
                        assertThat(t.triggeredAt()).isEqualTo(NOW);
                        assertThat(t.message()).isEqualTo("error rate 12.4% > 5% for 3 consecutive windows");
                    });
        }

        @Test
        void aReleaseThatNamesNoPolicyGetsTheConfiguredDefault() {
            RollbackDecider manualByDefault = new RollbackDecider(new DecisionSettings(
                    RollbackPolicy.MANUAL,
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(2),
                    Duration.ofSeconds(5),
                    Duration.ofHours(1),
                    true));

            Outcome outcome = manualByDefault.onDegraded(running(null), null, signal(), NOW);

            assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.RECOMMENDED);
            assertThat(published(outcome, RollbackTriggered.class)).isEmpty();
        }

        @Test
        void quarantinesTheArtifactItRolledBack() {
            Outcome outcome = decider.onDegraded(running(RollbackPolicy.AUTOMATIC), null, signal(), NOW);

            assertThat(quarantines(outcome)).singleElement().satisfies(q -> {
                assertThat(q.artifact().image()).isEqualTo(IMAGE);
                assertThat(q.notice().kind()).isEqualTo(RollbackNotice.Kind.ARTIFACT_QUARANTINED);
                assertThat(q.notice().image()).isEqualTo(IMAGE);
            });
        }

        @Test
        void restoresWhateverTheExecutorHasWhenNoStableStateWasReportedYet() {
            ReleaseFacts requestedOnly = new ReleaseFacts(RELEASE, DomainFixtures.request(null), null, null);

            Outcome outcome = decider.onDegraded(requestedOnly, null, signal(), NOW);

            assertThat(published(outcome, RollbackTriggered.class))
                    .singleElement()
                    .satisfies(t -> assertThat(t.restoreTo()).isNull());
        }
    }

    @Nested
    class ExactlyOnce {

        @Test
        void everySignalAfterTheDecisionIsOnlyRecorded() {
            Decision decided = decider.onDegraded(running(RollbackPolicy.AUTOMATIC), null, signal(), NOW)
                    .decision()
                    .orElseThrow();

            for (int i = 0; i < 4; i++) {
                Outcome again =
                        decider.onDegraded(running(RollbackPolicy.AUTOMATIC), decided, signal(), NOW.plusSeconds(i));
                assertThat(again.changed()).isFalse();
                assertThat(again.effects()).isEmpty();
                assertThat(again.inputEffect()).isEqualTo(InputEffect.RECORDED);
                assertThat(again.note()).contains("rollback already triggered");
            }
        }

        @Test
        void anAbortRacingAnAutomaticRollbackIsOnlyRecorded() {
            Decision decided = decider.onDegraded(running(RollbackPolicy.AUTOMATIC), null, signal(), NOW)
                    .decision()
                    .orElseThrow();

            Outcome abort = decider.onAbort(running(RollbackPolicy.AUTOMATIC), decided, abort("bad deploy"), NOW);

            assertThat(abort.changed()).isFalse();
            assertThat(abort.effects()).isEmpty();
        }

        @Test
        void aSignalAfterAnAbortIsOnlyRecorded() {
            Decision aborted = decider.onAbort(running(RollbackPolicy.AUTOMATIC), null, abort(null), NOW)
                    .decision()
                    .orElseThrow();

            Outcome late = decider.onDegraded(running(RollbackPolicy.AUTOMATIC), aborted, signal(), NOW);

            assertThat(late.changed()).isFalse();
            assertThat(late.effects()).isEmpty();
        }

        @Test
        void aSecondAbortIsOnlyRecorded() {
            Decision aborted = decider.onAbort(running(null), null, abort(null), NOW)
                    .decision()
                    .orElseThrow();

            assertThat(decider.onAbort(running(null), aborted, abort("again"), NOW)
                            .changed())
                    .isFalse();
        }
    }

    @Nested
    class FinishedReleases {

        @ParameterizedTest
        @EnumSource(
                value = StepCompleted.Phase.class,
                names = {"COMPLETED", "FAILED", "ROLLED_BACK", "ABORTED"})
        void aSignalForAFinishedReleaseIsOnlyRecorded(StepCompleted.Phase phase) {
            Outcome outcome = decider.onDegraded(inPhase(phase), null, signal(), NOW);

            assertThat(outcome.changed()).isFalse();
            assertThat(outcome.effects()).isEmpty();
            assertThat(outcome.note()).contains("already finished (" + phase + ")");
        }

        @Test
        void anAbortOfAFinishedReleaseIsOnlyRecorded() {
            Outcome outcome = decider.onAbort(inPhase(StepCompleted.Phase.COMPLETED), null, abort(null), NOW);

            assertThat(outcome.changed()).isFalse();
        }

        @ParameterizedTest
        @EnumSource(
                value = StepCompleted.Phase.class,
                names = {"PROGRESSING", "PAUSED"})
        void aSignalForARunningReleaseIsDecided(StepCompleted.Phase phase) {
            assertThat(decider.onDegraded(inPhase(phase), null, signal(), NOW).changed())
                    .isTrue();
        }
    }

    @Nested
    class UnknownRelease {

        @Test
        void waitsForTheRequestWithinTheGrace() {
            Outcome outcome = decider.onDegraded(ReleaseFacts.unknown(RELEASE), null, signal(), NOW);

            assertThat(outcome.inputEffect()).isEqualTo(InputEffect.DEFERRED);
            assertThat(outcome.deferredUntil()).isEqualTo(NOW.plusSeconds(30));
            assertThat(outcome.changed()).isFalse();
        }

        @Test
        void appliesTheDefaultPolicyOnceTheGraceIsOver() {
            DegradedSignal signal = signal(UUID.randomUUID(), NOW);
            ReleaseFacts stepOnly =
                    new ReleaseFacts(RELEASE, null, StepCompleted.Phase.PROGRESSING, EventFixtures.STABLE);

            Outcome outcome = decider.onDegraded(stepOnly, null, signal, NOW.plusSeconds(30));

            assertThat(outcome.decision().orElseThrow().policy()).isEqualTo(RollbackPolicy.AUTOMATIC);
            assertThat(outcome.note()).contains("default policy automatic");
            assertThat(published(outcome, RollbackTriggered.class))
                    .singleElement()
                    .satisfies(t -> assertThat(t.restoreTo()).isEqualTo(EventFixtures.STABLE));
            // The artifact of an unknown request cannot be named, so nothing is quarantined.
            assertThat(quarantines(outcome)).isEmpty();
        }

        @Test
        void usesTheReleasesOwnPolicyWhenTheRequestArrivesInTime() {
            DegradedSignal signal = signal(UUID.randomUUID(), NOW);

            Outcome outcome = decider.onDegraded(running(RollbackPolicy.FREEZE), null, signal, NOW.plusSeconds(5));

            assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.FROZEN);
        }

        @Test
        void aFinishedReleaseIsNotWaitedFor() {
            ReleaseFacts finishedUnknownRequest = new ReleaseFacts(RELEASE, null, StepCompleted.Phase.COMPLETED, null);

            assertThat(decider.onDegraded(finishedUnknownRequest, null, signal(), NOW)
                            .inputEffect())
                    .isEqualTo(InputEffect.RECORDED);
        }
    }

    @Nested
    class Manual {

        private Decision recommended() {
            return decider.onDegraded(running(RollbackPolicy.MANUAL), null, signal(), NOW)
                    .decision()
                    .orElseThrow();
        }

        @Test
        void recommendsARollbackWithADeadlineAndRollsNothingBack() {
            Outcome outcome = decider.onDegraded(running(RollbackPolicy.MANUAL), null, signal(), NOW);

            assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.RECOMMENDED);
            assertThat(published(outcome, RollbackTriggered.class)).isEmpty();
            assertThat(published(outcome, RollbackNotice.class)).singleElement().satisfies(n -> {
                assertThat(n.kind()).isEqualTo(RollbackNotice.Kind.ROLLBACK_RECOMMENDED);
                assertThat(n.severity()).isEqualTo(RollbackNotice.Severity.WARNING);
                assertThat(n.deadline()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
                assertThat(n.evidence()).hasSize(1);
                assertThat(n.message()).contains("error rate 12.4%").contains("abort");
            });
            assertThat(quarantines(outcome)).isEmpty();
        }

        @Test
        void anOperatorsAbortRollsBackAsManualAbortByTheOperator() {
            Decision recommended = recommended();
            OperatorAbort abort = abort("error budget burning");

            Outcome outcome = decider.onAbort(running(RollbackPolicy.MANUAL), recommended, abort, NOW.plusSeconds(60));

            assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.TRIGGERED);
            assertThat(published(outcome, RollbackTriggered.class))
                    .singleElement()
                    .satisfies(t -> {
                        assertThat(t.reason()).isEqualTo(RollbackTriggered.Reason.MANUAL_ABORT);
                        assertThat(t.policy()).isEqualTo(RollbackPolicy.MANUAL);
                        assertThat(t.triggeredBy()).isEqualTo("oncall-maria");
                        assertThat(t.causeEventId()).isEqualTo(abort.eventId());
                        assertThat(t.evidence()).isEqualTo(recommended.evidence());
                        assertThat(t.message()).isEqualTo("error budget burning");
                    });
            // The operator acted on a health breach: the artifact is quarantined.
            assertThat(quarantines(outcome)).hasSize(1);
        }

        @Test
        void rollsBackByItselfAtTheDeadline() {
            Decision recommended = recommended();

            Outcome outcome = decider.onDecisionDeadline(
                    running(RollbackPolicy.MANUAL), recommended, recommended.decisionDeadline());

            assertThat(published(outcome, RollbackTriggered.class))
                    .singleElement()
                    .satisfies(t -> {
                        assertThat(t.reason()).isEqualTo(RollbackTriggered.Reason.DECISION_DEADLINE);
                        assertThat(t.triggeredBy()).isEqualTo("rollback-service");
                        assertThat(t.causeEventId()).isEqualTo(recommended.causeEventId());
                        assertThat(t.evidence()).isNotEmpty();
                    });
            assertThat(outcome.decision().orElseThrow().decisionDeadline()).isNull();
            assertThat(quarantines(outcome)).hasSize(1);
        }

        @Test
        void doesNothingBeforeTheDeadline() {
            Decision recommended = recommended();

            Outcome outcome = decider.onDecisionDeadline(
                    running(RollbackPolicy.MANUAL),
                    recommended,
                    recommended.decisionDeadline().minusMillis(1));

            assertThat(outcome.changed()).isFalse();
        }

        @Test
        void aReleaseThatFinishedBeforeTheDeadlineIsNotRolledBack() {
            Decision recommended = recommended();

            Outcome outcome = decider.onDecisionDeadline(
                    inPhase(StepCompleted.Phase.COMPLETED),
                    recommended,
                    recommended.decisionDeadline().plusSeconds(1));

            assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.DISMISSED);
            assertThat(outcome.effects()).isEmpty();
        }

        @Test
        void theDeadlineAfterAnAbortDoesNothing() {
            Decision aborted = decider.onAbort(running(RollbackPolicy.MANUAL), recommended(), abort(null), NOW)
                    .decision()
                    .orElseThrow();

            assertThat(decider.onDecisionDeadline(running(RollbackPolicy.MANUAL), aborted, NOW.plusSeconds(3600))
                            .changed())
                    .isFalse();
        }

        @Test
        void furtherSignalsWhileRecommendedAreOnlyRecorded() {
            Outcome again = decider.onDegraded(running(RollbackPolicy.MANUAL), recommended(), signal(), NOW);

            assertThat(again.changed()).isFalse();
            assertThat(again.note()).contains("already recommended");
        }
    }

    @Nested
    class Freeze {

        @Test
        void holdsTheReleaseAndAlertsWithoutRollingBack() {
            Outcome outcome = decider.onDegraded(running(RollbackPolicy.FREEZE), null, signal(), NOW);

            assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.FROZEN);
            assertThat(published(outcome, RollbackTriggered.class)).isEmpty();
            assertThat(published(outcome, ReleaseCommand.class)).singleElement().satisfies(c -> {
                assertThat(c.command()).isEqualTo(ReleaseCommand.Command.PAUSE);
                assertThat(c.requestedBy()).isEqualTo("rollback-service");
                assertThat(c.releaseId()).isEqualTo(RELEASE);
            });
            assertThat(published(outcome, RollbackNotice.class)).singleElement().satisfies(n -> {
                assertThat(n.kind()).isEqualTo(RollbackNotice.Kind.RELEASE_FROZEN);
                assertThat(n.severity()).isEqualTo(RollbackNotice.Severity.CRITICAL);
                assertThat(n.message()).contains("10% on the new version");
            });
            assertThat(quarantines(outcome)).isEmpty();
        }

        @Test
        void anOperatorsAbortStillRollsAFrozenReleaseBack() {
            Decision frozen = decider.onDegraded(running(RollbackPolicy.FREEZE), null, signal(), NOW)
                    .decision()
                    .orElseThrow();

            Outcome outcome = decider.onAbort(running(RollbackPolicy.FREEZE), frozen, abort("fix forward failed"), NOW);

            assertThat(published(outcome, RollbackTriggered.class))
                    .singleElement()
                    .satisfies(t -> {
                        assertThat(t.reason()).isEqualTo(RollbackTriggered.Reason.MANUAL_ABORT);
                        assertThat(t.policy()).isEqualTo(RollbackPolicy.FREEZE);
                    });
        }

        @Test
        void furtherSignalsDoNotPauseAgain() {
            Decision frozen = decider.onDegraded(running(RollbackPolicy.FREEZE), null, signal(), NOW)
                    .decision()
                    .orElseThrow();

            assertThat(decider.onDegraded(running(RollbackPolicy.FREEZE), frozen, signal(), NOW)
                            .effects())
                    .isEmpty();
        }
    }

    @Nested
    class Abort {

        @Test
        void rollsBackARunningReleaseWithoutQuarantiningItsArtifact() {
            OperatorAbort abort = abort(null);

            Outcome outcome = decider.onAbort(running(null), null, abort, NOW);

            assertThat(published(outcome, RollbackTriggered.class))
                    .singleElement()
                    .satisfies(t -> {
                        assertThat(t.reason()).isEqualTo(RollbackTriggered.Reason.MANUAL_ABORT);
                        assertThat(t.triggeredBy()).isEqualTo("oncall-maria");
                        assertThat(t.evidence()).isNull();
                        assertThat(t.message()).isNull();
                    });
            assertThat(quarantines(outcome)).isEmpty();
        }

        @Test
        void anAbortBeforeTheRequestIsKnownIsNotDeferred() {
            Outcome outcome = decider.onAbort(ReleaseFacts.unknown(RELEASE), null, abort(null), NOW);

            assertThat(outcome.decision().orElseThrow().status()).isEqualTo(DecisionStatus.TRIGGERED);
        }
    }
}
