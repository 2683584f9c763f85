package dev.rollwatch.executor.it;

import static dev.rollwatch.events.StepCompleted.Action.PAUSE;
import static dev.rollwatch.events.StepCompleted.Action.PROMOTE;
import static dev.rollwatch.events.StepCompleted.Action.RESUME;
import static dev.rollwatch.events.StepCompleted.Action.ROLLBACK;
import static dev.rollwatch.events.StepCompleted.Action.SET_WEIGHT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.Strategy.CanaryStep;
import dev.rollwatch.events.Weights;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.executor.service.CrashingStepEvents;
import dev.rollwatch.executor.service.RolloutPoller;
import dev.rollwatch.executor.service.StepEvents;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What must survive: a restart in the middle of a pause, a write that races another writer (409),
 * permissions the executor lacks, missing workloads, and quarantined artifacts.
 */
@QuarkusTest
class DurabilityIT extends ExecutorIT {

    @KubernetesTestServer
    KubernetesMockServer server;

    @Inject
    RolloutPoller poller;

    @Inject
    MeterRegistry registry;

    @Inject
    StepEvents stepEvents;

    @AfterEach
    void pollerRunsAgain() {
        poller.start();
    }

    @Test
    void anExecutorRestartedMidPauseResumesWithoutRepeatingOrLosingAStep() {
        cluster.app(4);
        String id = request(release()
                .steps(CanaryStep.weight(20), CanaryStep.pauseFor("10s"), CanaryStep.pauseUntilResumed())
                .build());
        awaitStep(id, 0, SET_WEIGHT);
        await().atMost(WAIT)
                .until(() -> controller.settled(cluster.namespace, "checkout")
                        && controller.settled(cluster.namespace, "checkout-canary"));
        String stableVersion = cluster.deployment("checkout").getMetadata().getResourceVersion();
        String canaryVersion =
                cluster.deployment("checkout-canary").getMetadata().getResourceVersion();

        // The instance dies mid-pause: nothing runs any more; all it knew is in the database.
        poller.stop();
        await().atMost(WAIT).until(() -> !poller.busy());
        assertThat(database.rollout(id))
                .containsEntry("stage", "TIMER")
                .containsEntry("step_index", 1)
                .containsEntry("status", "RUNNING");
        Instant pauseEnds = database.dueAt(id);
        await().atMost(WAIT).until(() -> Instant.now().isAfter(pauseEnds.plusMillis(500)));
        assertThat(actions(id)).containsExactly(SET_WEIGHT);

        // A new instance starts: the overdue pause ends at once; step 0 is neither re-applied nor re-published.
        poller.start();

        StepCompleted held = awaitStep(id, 2, PAUSE);
        assertThat(held.phase()).isEqualTo(Phase.PAUSED);
        assertThat(steps(id).get(1).completedAt()).isAfter(pauseEnds);
        assertThat(cluster.deployment("checkout").getMetadata().getResourceVersion())
                .isEqualTo(stableVersion);
        assertThat(cluster.deployment("checkout-canary").getMetadata().getResourceVersion())
                .isEqualTo(canaryVersion);

        command(id, dev.rollwatch.events.ReleaseCommand.Command.PROMOTE);

        awaitPhase(id, Phase.COMPLETED);
        assertThat(actions(id)).containsExactly(SET_WEIGHT, PAUSE, PAUSE, RESUME, PROMOTE);
        assertThat(steps(id)).extracting(StepCompleted::stepIndex).containsExactly(0, 1, 2, 2, 3);
        assertNoDuplicates(id);
    }

    @Test
    void aCrashBetweenTheClusterChangeAndTheCommitNeitherLosesNorRepeatsTheStep() {
        cluster.app(4);
        ReleaseRequested release = release()
                .steps(CanaryStep.weight(50), CanaryStep.pauseUntilResumed())
                .build();
        CrashingStepEvents crashing = new CrashingStepEvents(ClientProxy.unwrap(stepEvents), release.releaseId());
        QuarkusMock.installMockForType(crashing, StepEvents.class);

        String id = request(release);

        awaitStep(id, 1, PAUSE);
        assertThat(crashing.crashes()).isEqualTo(1);
        assertThat(actions(id)).containsExactly(SET_WEIGHT, PAUSE);
        assertThat(steps(id).get(0).weights()).isEqualTo(new Weights(50, 50));
        assertThat(cluster.replicas("checkout-canary")).isEqualTo(2);
        assertThat(cluster.replicas("checkout")).isEqualTo(2);
        assertNoDuplicates(id);
    }

    @Test
    void aRollbackThatWaitsOverAMinuteForABusyReleaseIsAppliedAndTheConsumerGoesOn() throws Exception {
        cluster.app(4);
        String id = request(release()
                .steps(CanaryStep.weight(20), CanaryStep.pauseUntilResumed())
                .build());
        awaitStep(id, 0, SET_WEIGHT);

        // Another instance holds the release longer than the Kafka connector lets a record go
        // unacknowledged by default (60 s): the rollback waits its turn, the consumer is not stopped.
        try (AutoCloseable otherInstance = database.lockAsAnotherInstance(id)) {
            rollback(id, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);
            await().during(Duration.ofSeconds(65))
                    .atMost(Duration.ofSeconds(75))
                    .until(() -> !actions(id).contains(ROLLBACK));
        }

        assertThat(awaitStep(id, -1, ROLLBACK).outcome()).isEqualTo(StepCompleted.Outcome.SUCCEEDED);
        given().get("/q/health/live").then().statusCode(200);
        Cluster other = new Cluster(client).app(2);
        String next = request(release()
                .namespace(other.namespace)
                .steps(CanaryStep.weight(50), CanaryStep.pauseUntilResumed())
                .build());
        awaitStep(next, 0, SET_WEIGHT);
        rollback(next, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);
        assertThat(awaitStep(next, -1, ROLLBACK).outcome()).isEqualTo(StepCompleted.Outcome.SUCCEEDED);
    }

    @Test
    void aReleaseAnotherInstanceIsWorkingOnIsSkippedWhileOthersAdvance() throws Exception {
        cluster.app(4);
        String busy = request(release()
                .steps(CanaryStep.weight(20), CanaryStep.pauseFor("10s"), CanaryStep.weight(40))
                .build());
        awaitStep(busy, 0, SET_WEIGHT);

        try (AutoCloseable otherInstance = database.lockAsAnotherInstance(busy)) {
            Instant pauseEnds = database.dueAt(busy);
            Cluster other = new Cluster(client).app(2);
            String free = request(release()
                    .namespace(other.namespace)
                    .steps(CanaryStep.weight(50))
                    .build());

            awaitPhase(free, Phase.COMPLETED);
            await().atMost(WAIT).until(() -> Instant.now().isAfter(pauseEnds.plusMillis(500)));
            assertThat(actions(busy)).containsExactly(SET_WEIGHT);
        }

        awaitPhase(busy, Phase.COMPLETED);
        assertThat(actions(busy)).containsExactly(SET_WEIGHT, PAUSE, SET_WEIGHT, PROMOTE);
        assertNoDuplicates(busy);
    }

    @Test
    void aWriteThatMeetsAConflictIsRetriedOnAFreshRead() {
        cluster.app(4);
        double conflictsBefore = conflicts();
        // Another writer changed the stable Deployment between the executor's read and its write.
        server.expect()
                .put()
                .withPath("/apis/apps/v1/namespaces/" + cluster.namespace + "/deployments/checkout")
                .andReturn(
                        409,
                        new StatusBuilder()
                                .withStatus("Failure")
                                .withReason("Conflict")
                                .withCode(409)
                                .withMessage(
                                        "Operation cannot be fulfilled on deployments.apps \"checkout\": the object has "
                                                + "been modified; please apply your changes to the latest version and try again")
                                .build())
                .once();

        String id = request(release()
                .steps(CanaryStep.weight(50), CanaryStep.pauseUntilResumed())
                .build());

        StepCompleted step = awaitStep(id, 0, SET_WEIGHT);
        assertThat(step.outcome()).isEqualTo(StepCompleted.Outcome.SUCCEEDED);
        assertThat(step.weights()).isEqualTo(new Weights(50, 50));
        assertThat(cluster.replicas("checkout")).isEqualTo(2);
        assertThat(conflicts()).isGreaterThan(conflictsBefore);
    }

    @Test
    void aForbiddenWriteFailsTheStepAtOnceWithAClearReason() {
        cluster.app(4);
        AtomicInteger creates = new AtomicInteger();
        server.expect()
                .post()
                .withPath("/apis/apps/v1/namespaces/" + cluster.namespace + "/deployments")
                .andReply(403, request -> {
                    creates.incrementAndGet();
                    return new StatusBuilder()
                            .withStatus("Failure")
                            .withReason("Forbidden")
                            .withCode(403)
                            .withMessage(
                                    "deployments.apps is forbidden: User \"system:serviceaccount:rollwatch:executor\" "
                                            + "cannot create resource \"deployments\" in API group \"apps\"")
                            .build();
                })
                .always();

        // The request's step deadline is 5m: a transient error would be retried until then.
        String id = request(release().steps(CanaryStep.weight(50)).build());

        StepCompleted failed = awaitPhase(id, Phase.FAILED);
        assertThat(creates).as("attempts to create the canary").hasValue(1);
        assertThat(failed.action()).isEqualTo(SET_WEIGHT);
        assertThat(failed.outcome()).isEqualTo(StepCompleted.Outcome.FAILED);
        assertThat(failed.message())
                .contains("forbidden (403)", "cannot create resource \"deployments\"", "rbac/executor-service.yaml")
                .doesNotContain("kept failing");
        assertThat(failed.weights()).isEqualTo(Weights.ALL_STABLE);
        assertThat(cluster.replicas("checkout")).isEqualTo(4);
    }

    @Test
    void aMissingDeploymentFailsTheReleaseBeforeAnyChange() {
        String id = request(release().build());

        StepCompleted failed = awaitPhase(id, Phase.FAILED);

        assertThat(failed.stepIndex()).isZero();
        assertThat(failed.message()).isEqualTo("Deployment " + cluster.namespace + "/checkout not found");
        assertThat(failed.stable()).isNull();
        assertThat(actions(id)).containsExactly(SET_WEIGHT);
    }

    @Test
    void aQuarantinedArtifactIsRefusedUnlessTheRequestOverridesTheQuarantine() {
        cluster.app(4);
        String image = "registry.example.com/shop/checkout:1.4.2-"
                + UUID.randomUUID().toString().substring(0, 8);
        RollbackNotice fixture = EventFixtures.rollbackNotice("rel-bad", RollbackNotice.Kind.ARTIFACT_QUARANTINED);
        kafka.send(EventFixtures.event(
                "rollback-service",
                new RollbackNotice(
                        "rel-bad",
                        fixture.kind(),
                        fixture.severity(),
                        fixture.raisedAt(),
                        "error rate 12% after release",
                        image,
                        null,
                        null)));
        await().atMost(WAIT).until(() -> database.quarantined(image));

        String refused =
                request(release().image(image).steps(CanaryStep.weight(50)).build());

        StepCompleted failed = awaitPhase(refused, Phase.FAILED);
        assertThat(failed.message())
                .isEqualTo("artifact " + image + " is quarantined: it was rolled back in release "
                        + "rel-bad (error rate 12% after release); set quarantineOverride to release it anyway");
        assertThat(failed.stable().image()).isEqualTo(Cluster.OLD_IMAGE);
        assertThat(cluster.deployment("checkout-canary")).isNull();

        String overridden = request(release()
                .image(image)
                .quarantineOverride(true)
                .steps(CanaryStep.weight(50))
                .build());

        awaitPhase(overridden, Phase.COMPLETED);
        assertThat(cluster.image("checkout")).isEqualTo(image);
    }

    private double conflicts() {
        var counter = registry.find("rollwatch.executor.kubernetes.conflicts").counter();
        return counter == null ? 0 : counter.count();
    }
}
