package dev.rollwatch.executor.it;

import static dev.rollwatch.events.StepCompleted.Action.PAUSE;
import static dev.rollwatch.events.StepCompleted.Action.ROLLBACK;
import static dev.rollwatch.events.StepCompleted.Action.SET_WEIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.Strategy.CanaryStep;
import dev.rollwatch.events.Topics;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Releases of one Deployment, one after the other: a release that arrives while another is in flight
 * is refused at once (the two would share the canary Deployment), and a late rollback of an ended
 * release never undoes the newer release that has taken the Deployment over since.
 */
@QuarkusTest
class OneReleasePerDeploymentIT extends ExecutorIT {

    private static final String RELEASE_ANNOTATION = "rollwatch.dev/release";

    /** A release rolled back in the middle of its canary: what the team fixes and releases again. */
    private String rolledBack() {
        String id = request(release()
                .steps(CanaryStep.weight(50), CanaryStep.pauseUntilResumed())
                .build());
        awaitStep(id, 1, PAUSE);
        rollback(id, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);
        awaitPhase(id, Phase.ROLLED_BACK);
        return id;
    }

    private String annotation(String deployment) {
        return cluster.deployment(deployment).getMetadata().getAnnotations().get(RELEASE_ANNOTATION);
    }

    private Deployment settled(String name) {
        await().atMost(WAIT).until(() -> controller.settled(cluster.namespace, name));
        return cluster.deployment(name);
    }

    @Test
    void aReTriggeredRollbackOfAReleaseANewerOneSupersededLeavesTheNewerCanaryAlone() {
        cluster.app(4);
        String first = rolledBack();
        String fix = request(release()
                .steps(CanaryStep.weight(25), CanaryStep.pauseUntilResumed())
                .build());
        awaitStep(fix, 1, PAUSE);
        Deployment canary = settled("checkout-canary");
        String stableVersion = settled("checkout").getMetadata().getResourceVersion();
        assertThat(canary.getSpec().getReplicas()).isEqualTo(1);
        assertThat(annotation("checkout-canary")).isEqualTo(fix);

        rollback(first, RollbackTriggered.Reason.HEALTH_DEGRADED, 2);

        StepCompleted answer =
                awaitStep(first, s -> s.action() == ROLLBACK && s.message().contains("superseded"));
        assertThat(answer.stepIndex()).isEqualTo(-1);
        assertThat(answer.outcome()).isEqualTo(StepCompleted.Outcome.SUCCEEDED);
        assertThat(answer.phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(answer.message()).contains("(attempt 2)", "superseded by release " + fix + "; nothing changed");
        // The same attempt again gets no second answer (once it was consumed, nothing more reaches the
        // outbox's relay), and nothing of the newer release moved.
        rollback(first, RollbackTriggered.Reason.HEALTH_DEGRADED, 2);
        awaitConsumed(Topics.ROLLBACK_TRIGGERED, first);
        assertQuietFor(first, Duration.ofSeconds(1));
        assertThat(cluster.deployment("checkout-canary").getSpec().getReplicas())
                .isEqualTo(1);
        assertThat(cluster.deployment("checkout-canary").getMetadata().getResourceVersion())
                .isEqualTo(canary.getMetadata().getResourceVersion());
        assertThat(cluster.deployment("checkout").getMetadata().getResourceVersion())
                .isEqualTo(stableVersion);
        assertThat(actions(fix)).containsExactly(SET_WEIGHT, PAUSE);
        assertThat(actions(first)).containsExactly(SET_WEIGHT, PAUSE, ROLLBACK, ROLLBACK);
        assertThat(stepEvents(first)).extracting(CloudEvent::id).doesNotHaveDuplicates();

        command(fix, ReleaseCommand.Command.RESUME);
        awaitPhase(fix, Phase.COMPLETED);
    }

    @Test
    void aRollbackOfAReleaseWhoseSuccessorWasPromotedDoesNotPutTheOldTemplateBack() {
        cluster.app(2);
        String first = rolledBack();
        String fix = request(release()
                .strategy(new Strategy(Strategy.Type.ROLLING, null, null, null, "1m"))
                .trafficRouter(null)
                .build());
        awaitPhase(fix, Phase.COMPLETED);
        String promotedVersion = settled("checkout").getMetadata().getResourceVersion();
        assertThat(annotation("checkout")).isEqualTo(fix);

        rollback(first, RollbackTriggered.Reason.HEALTH_DEGRADED, 2);

        StepCompleted answer =
                awaitStep(first, s -> s.action() == ROLLBACK && s.message().contains("superseded"));
        assertThat(answer.phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(cluster.image("checkout")).isEqualTo(Cluster.NEW_IMAGE);
        assertThat(cluster.deployment("checkout").getMetadata().getResourceVersion())
                .isEqualTo(promotedVersion);
    }

    @Test
    void aReleaseOfADeploymentAnotherReleaseIsRunningOnFailsAtOnceNamingIt() {
        cluster.app(4);
        String running = request(release()
                .steps(CanaryStep.weight(50), CanaryStep.pauseUntilResumed())
                .build());
        awaitStep(running, 1, PAUSE);
        String canaryVersion = settled("checkout-canary").getMetadata().getResourceVersion();

        // Produced straight on Kafka, past the release-service's own check.
        String second = request(
                release().image("registry.example.com/shop/checkout:1.4.3").build());

        StepCompleted refused = awaitPhase(second, Phase.FAILED);
        assertThat(refused.outcome()).isEqualTo(StepCompleted.Outcome.FAILED);
        assertThat(refused.message())
                .contains(
                        "another release of Deployment " + cluster.namespace + "/checkout is in progress: " + running
                                + " (running, step 2 of 3)",
                        "changed nothing");
        assertThat(refused.stable()).isNull();
        assertThat(actions(second)).containsExactly(SET_WEIGHT);
        assertThat(database.status(second)).isEqualTo("FAILED");
        assertThat(cluster.deployment("checkout-canary").getMetadata().getResourceVersion())
                .isEqualTo(canaryVersion);
        assertThat(annotation("checkout-canary")).isEqualTo(running);

        // The release in flight goes on, and once it has ended the Deployment takes a new release.
        command(running, ReleaseCommand.Command.RESUME);
        awaitPhase(running, Phase.COMPLETED);
        String next = request(release()
                .image("registry.example.com/shop/checkout:1.4.3")
                .steps(CanaryStep.weight(50))
                .build());
        awaitPhase(next, Phase.COMPLETED);
    }

    @Test
    void aRefusedReleaseDropsTheRollbackThatOvertookItsRequestInsteadOfRestoringTheOtherReleasesCluster() {
        cluster.app(4);
        String running = request(release()
                .steps(CanaryStep.weight(50), CanaryStep.pauseUntilResumed())
                .build());
        awaitStep(running, 1, PAUSE);
        String canaryVersion = settled("checkout-canary").getMetadata().getResourceVersion();
        var second = release().build();
        rollback(second.releaseId(), RollbackTriggered.Reason.MANUAL_ABORT, 1);
        await().atMost(WAIT)
                .until(() -> "ABORT".equals(database.rollout(second.releaseId()).get("restore_kind")));

        request(second);

        StepCompleted refused = awaitPhase(second.releaseId(), Phase.FAILED);
        assertThat(refused.message()).contains("is in progress: " + running);
        assertQuietFor(second.releaseId(), Duration.ofSeconds(1));
        assertThat(actions(second.releaseId())).containsExactly(SET_WEIGHT);
        assertThat(cluster.replicas("checkout-canary")).isEqualTo(2);
        assertThat(cluster.deployment("checkout-canary").getMetadata().getResourceVersion())
                .isEqualTo(canaryVersion);
    }
}
