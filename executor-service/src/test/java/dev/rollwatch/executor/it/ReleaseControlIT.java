package dev.rollwatch.executor.it;

import static dev.rollwatch.events.StepCompleted.Action.PAUSE;
import static dev.rollwatch.events.StepCompleted.Action.PROMOTE;
import static dev.rollwatch.events.StepCompleted.Action.RESUME;
import static dev.rollwatch.events.StepCompleted.Action.ROLLBACK;
import static dev.rollwatch.events.StepCompleted.Action.SET_WEIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.Strategy.CanaryStep;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operator commands, rollback decisions and bad or repeated input, as they reach the executor over Kafka. */
@QuarkusTest
class ReleaseControlIT extends ExecutorIT {

    @Test
    void aPauseCommandHoldsTheReleaseUntilItIsResumed() {
        cluster.app(4);
        String id = request(release()
                .steps(CanaryStep.weight(20), CanaryStep.pauseFor("10s"), CanaryStep.weight(40))
                .build());
        awaitStep(id, 0, SET_WEIGHT);

        command(id, ReleaseCommand.Command.PAUSE);

        StepCompleted paused = awaitStep(id, -1, PAUSE);
        assertThat(paused.phase()).isEqualTo(Phase.PAUSED);
        assertThat(paused.message()).contains("pause by oncall-maria");
        // The pause step's time runs out, yet nothing moves while the release is paused.
        java.time.Instant pauseEnds = database.dueAt(id);
        await().atMost(WAIT).until(() -> java.time.Instant.now().isAfter(pauseEnds.plusMillis(500)));
        assertThat(actions(id)).containsExactly(SET_WEIGHT, PAUSE);
        assertThat(cluster.replicas("checkout-canary")).isEqualTo(1);

        command(id, ReleaseCommand.Command.RESUME);

        awaitPhase(id, Phase.COMPLETED);
        assertThat(actions(id)).containsExactly(SET_WEIGHT, PAUSE, RESUME, PAUSE, SET_WEIGHT, PROMOTE);
        assertThat(steps(id).get(2).stepIndex()).isEqualTo(-1);
        assertNoDuplicates(id);
    }

    @Test
    void promoteSkipsTheRemainingCanaryStepsAndPromotes() {
        cluster.app(4);
        String id = request(release()
                .steps(
                        CanaryStep.weight(10),
                        CanaryStep.pauseUntilResumed(),
                        CanaryStep.weight(50),
                        CanaryStep.pauseFor("1h"),
                        CanaryStep.weight(80))
                .build());
        awaitStep(id, 1, PAUSE);

        command(id, ReleaseCommand.Command.PROMOTE);

        StepCompleted promoted = awaitPhase(id, Phase.COMPLETED);
        assertThat(promoted.stepIndex()).isEqualTo(5);
        assertThat(actions(id)).containsExactly(SET_WEIGHT, PAUSE, RESUME, PROMOTE);
        assertThat(cluster.image("checkout")).isEqualTo(Cluster.NEW_IMAGE);
        assertThat(cluster.replicas("checkout-canary")).isZero();
    }

    @Test
    void anAbortCommandIsLeftToTheRollbackServiceWhoseDecisionEndsTheReleaseAborted() {
        cluster.app(4);
        String id = request(release()
                .steps(CanaryStep.weight(30), CanaryStep.pauseUntilResumed())
                .build());
        awaitStep(id, 1, PAUSE);

        command(id, ReleaseCommand.Command.ABORT);
        assertQuietFor(id, Duration.ofSeconds(1));
        assertThat(cluster.replicas("checkout-canary")).isEqualTo(2);

        rollback(id, RollbackTriggered.Reason.MANUAL_ABORT, 1);

        StepCompleted aborted = awaitPhase(id, Phase.ABORTED);
        assertThat(aborted.action()).isEqualTo(ROLLBACK);
        assertThat(aborted.message()).startsWith("aborted by oncall-maria");
        assertThat(cluster.replicas("checkout-canary")).isZero();
        assertThat(cluster.replicas("checkout")).isEqualTo(4);
    }

    @Test
    void anInvalidRequestIsDeadLetteredWithItsReasonAndTheNextOneRuns() {
        cluster.app(2);
        ReleaseRequested invalid =
                release().steps(CanaryStep.weight(50), CanaryStep.weight(20)).build();

        request(invalid);

        var deadLetter = recorder.awaitRecord(Topics.deadLetter(Topics.RELEASE_REQUESTED), invalid.releaseId());
        assertThat(TopicRecorder.headers(deadLetter).get("dead-letter-reason"))
                .contains("strategy.canary.steps[1].setWeight must be greater than the previous weight (50)");
        String valid = request(release().steps(CanaryStep.weight(50)).build());
        awaitPhase(valid, Phase.COMPLETED);
        assertThat(steps(invalid.releaseId())).isEmpty();
    }

    @Test
    void aRequestForAnUnknownTrafficRouterIsDeadLettered() {
        ReleaseRequested release = release().build();
        var encoded = new dev.rollwatch.events.codec.EventCodec().encode(EventFixtures.event("ci", release));

        kafka.sendRaw(
                Topics.RELEASE_REQUESTED,
                release.releaseId(),
                encoded.headers(),
                encoded.payload().replace("\"replicaRatio\"", "\"linkerd2\""));

        var deadLetter = recorder.awaitRecord(Topics.deadLetter(Topics.RELEASE_REQUESTED), release.releaseId());
        assertThat(TopicRecorder.headers(deadLetter).get("dead-letter-reason")).contains("trafficRouter");
        assertThat(deadLetter.value()).contains("linkerd2");
        assertThat(steps(release.releaseId())).isEmpty();
    }

    @Test
    void aRedeliveredRequestRunsTheReleaseOnceAndAnotherRequestForTheSameIdIsIgnored() {
        cluster.app(2);
        ReleaseRequested release = release()
                .steps(CanaryStep.weight(50), CanaryStep.pauseUntilResumed())
                .build();
        CloudEvent<ReleaseRequested> event = EventFixtures.event("release-service", release);

        kafka.send(event);
        kafka.send(event);
        kafka.send(EventFixtures.event("ci", release));

        awaitStep(release.releaseId(), 1, PAUSE);
        assertQuietFor(release.releaseId(), Duration.ofSeconds(1));
        assertThat(actions(release.releaseId())).containsExactly(SET_WEIGHT, PAUSE);
    }

    @Test
    void onlyTheReTriggeredRollbackRestoresAgain() {
        cluster.app(4);
        String id = request(release()
                .steps(CanaryStep.weight(50), CanaryStep.pauseUntilResumed())
                .build());
        awaitStep(id, 1, PAUSE);
        rollback(id, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);
        awaitPhase(id, Phase.ROLLED_BACK);
        // Someone brings the canary back (the restore did not stick).
        client.apps()
                .deployments()
                .inNamespace(cluster.namespace)
                .withName("checkout-canary")
                .scale(2);

        rollback(id, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);
        assertQuietFor(id, Duration.ofSeconds(1));
        assertThat(cluster.replicas("checkout-canary")).isEqualTo(2);

        rollback(id, RollbackTriggered.Reason.HEALTH_DEGRADED, 2);

        await().atMost(WAIT)
                .until(() -> actions(id).stream().filter(ROLLBACK::equals).count() == 2);
        assertThat(steps(id).get(3).message()).contains("(attempt 2)");
        assertThat(cluster.replicas("checkout-canary")).isZero();
    }

    @Test
    void aRollbackThatReachesAPromotedReleaseIsAnsweredOncePerAttemptAndRestoresNothing() {
        cluster.app(4);
        String id = request(release().steps(CanaryStep.weight(50)).build());
        awaitPhase(id, Phase.COMPLETED);
        await().atMost(WAIT).until(() -> controller.settled(cluster.namespace, "checkout"));
        String promotedVersion = cluster.deployment("checkout").getMetadata().getResourceVersion();

        rollback(id, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);

        StepCompleted answer = awaitStep(id, -1, ROLLBACK);
        assertThat(answer.outcome()).isEqualTo(StepCompleted.Outcome.FAILED);
        assertThat(answer.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(answer.weights().canary()).isZero();
        assertThat(answer.message()).contains("too late: the release was already promoted", "nothing was restored");
        assertThat(cluster.image("checkout")).isEqualTo(Cluster.NEW_IMAGE);
        assertThat(cluster.deployment("checkout").getMetadata().getResourceVersion())
                .isEqualTo(promotedVersion);

        // Another decision of the same attempt gets no second answer; the re-trigger gets its own.
        rollback(id, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);
        assertQuietFor(id, Duration.ofSeconds(1));
        rollback(id, RollbackTriggered.Reason.HEALTH_DEGRADED, 2);

        await().atMost(WAIT)
                .until(() -> actions(id).stream().filter(ROLLBACK::equals).count() == 2);
        assertThat(steps(id))
                .filteredOn(s -> s.action() == ROLLBACK)
                .allSatisfy(s -> assertThat(s.phase()).isEqualTo(Phase.COMPLETED));
        assertThat(steps(id).get(steps(id).size() - 1).message()).contains("(attempt 2)");
        assertThat(cluster.deployment("checkout").getMetadata().getResourceVersion())
                .isEqualTo(promotedVersion);
        assertThat(stepEvents(id)).extracting(CloudEvent::id).doesNotHaveDuplicates();
    }

    @Test
    void signalsThatOvertakeTheRequestAreKeptAndTheAbortEndsTheReleaseWithoutChangingAnything() {
        cluster.app(4);
        ReleaseRequested release = release().build();

        command(release.releaseId(), ReleaseCommand.Command.PAUSE);
        await().atMost(WAIT)
                .until(() -> Boolean.TRUE.equals(
                        database.rollout(release.releaseId()).get("manual_pause")));
        rollback(release.releaseId(), RollbackTriggered.Reason.MANUAL_ABORT, 1);
        await().atMost(WAIT)
                .until(() ->
                        "ABORT".equals(database.rollout(release.releaseId()).get("restore_kind")));
        assertThat(database.status(release.releaseId())).isEqualTo("AWAITING_REQUEST");
        request(release);

        StepCompleted aborted = awaitPhase(release.releaseId(), Phase.ABORTED);
        assertThat(aborted.stable().image()).isEqualTo(Cluster.OLD_IMAGE);
        assertThat(actions(release.releaseId())).containsExactly(ROLLBACK);
        assertThat(cluster.deployment("checkout-canary")).isNull();
        assertThat(cluster.replicas("checkout")).isEqualTo(4);
    }

    @Test
    void promoteHasNothingToSkipInARollingRelease() {
        cluster.app(2);
        String id = request(release()
                .strategy(new Strategy(Strategy.Type.ROLLING, null, null, null, "1m"))
                .trafficRouter(null)
                .build());

        command(id, ReleaseCommand.Command.PROMOTE);

        awaitPhase(id, Phase.COMPLETED);
        assertThat(actions(id)).containsExactly(StepCompleted.Action.ROLLING_UPDATE);
        assertThat(List.of(cluster.image("checkout"))).containsExactly(Cluster.NEW_IMAGE);
    }
}
