package dev.rollwatch.executor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every executor test does: plays CI and the other services on real Kafka, records what the
 * executor publishes, and plays the Deployment controller on the mock API server.
 */
abstract class ExecutorIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    KubernetesClient client;

    @Inject
    Database database;

    KafkaTestClient kafka;
    TopicRecorder recorder;
    FakeDeploymentController controller;
    Cluster cluster;

    @BeforeEach
    void startParts() {
        kafka = new KafkaTestClient();
        recorder = kafka.record(
                Topics.STEP_COMPLETED,
                Topics.deadLetter(Topics.RELEASE_REQUESTED),
                Topics.deadLetter(Topics.ROLLBACK_TRIGGERED));
        controller = new FakeDeploymentController(client);
        cluster = new Cluster(client);
    }

    @AfterEach
    void stopParts() {
        controller.close();
        recorder.close();
        kafka.close();
    }

    /** A release of the new image into the test's namespace. */
    ReleaseRequestBuilder release() {
        return ReleaseRequestBuilder.canary()
                .releaseId("rel-" + UUID.randomUUID())
                .namespace(cluster.namespace)
                .application(Cluster.APP)
                .image(Cluster.NEW_IMAGE)
                .version(null);
    }

    String request(ReleaseRequested request) {
        kafka.send(EventFixtures.event("release-service", request));
        return request.releaseId();
    }

    void command(String releaseId, ReleaseCommand.Command command) {
        kafka.send(EventFixtures.event("release-service", EventFixtures.command(releaseId, command)));
    }

    void rollback(String releaseId, RollbackTriggered.Reason reason, int attempt) {
        RollbackTriggered fixture = EventFixtures.rollbackTriggered(releaseId, reason);
        kafka.send(EventFixtures.event(
                "rollback-service",
                new RollbackTriggered(
                        releaseId,
                        reason,
                        fixture.policy(),
                        fixture.triggeredAt(),
                        fixture.triggeredBy(),
                        fixture.causeEventId(),
                        fixture.evidence(),
                        fixture.restoreTo(),
                        attempt,
                        fixture.message())));
    }

    /** Every step event the executor published for the release so far. */
    List<StepCompleted> steps(String releaseId) {
        return recorder.events(Topics.STEP_COMPLETED, releaseId).stream()
                .map(e -> (StepCompleted) e.data())
                .toList();
    }

    List<CloudEvent<ReleaseEvent>> stepEvents(String releaseId) {
        return recorder.events(Topics.STEP_COMPLETED, releaseId);
    }

    StepCompleted awaitStep(String releaseId, Predicate<StepCompleted> matching) {
        return Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> steps(releaseId).stream().filter(matching).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    StepCompleted awaitStep(String releaseId, int index, StepCompleted.Action action) {
        return awaitStep(releaseId, s -> s.stepIndex() == index && s.action() == action);
    }

    StepCompleted awaitPhase(String releaseId, StepCompleted.Phase phase) {
        return awaitStep(releaseId, s -> s.phase() == phase);
    }

    /** Asserts that the release publishes nothing more for a while. */
    void assertQuietFor(String releaseId, Duration quiet) {
        int published = steps(releaseId).size();
        Awaitility.await()
                .during(quiet)
                .atMost(quiet.plusSeconds(5))
                .until(() -> steps(releaseId).size() == published);
    }

    /**
     * Waits until everything sent so far on {@code topic} for the release was consumed: a malformed
     * record sent behind it (same key, so same partition and in order) has reached the dead-letter topic.
     */
    void awaitConsumed(String topic, String releaseId) {
        kafka.sendRaw(
                topic,
                releaseId,
                Map.of("ce_specversion", "1.0", "ce_type", "dev.rollwatch." + topic + ".v1"),
                "{\"not\": \"an event\"}");
        recorder.awaitRecord(Topics.deadLetter(topic), releaseId);
    }

    /** The events' actions in the order published. */
    List<StepCompleted.Action> actions(String releaseId) {
        return steps(releaseId).stream().map(StepCompleted::action).toList();
    }

    /** Every event was published exactly once (the outbox, not the broker, decides). */
    void assertNoDuplicates(String releaseId) {
        List<CloudEvent<ReleaseEvent>> events = stepEvents(releaseId);
        assertThat(events).extracting(CloudEvent::id).doesNotHaveDuplicates();
        List<String> steps = steps(releaseId).stream()
                .map(s -> s.stepIndex() + ":" + s.action() + ":" + s.phase())
                .toList();
        assertThat(steps).doesNotHaveDuplicates();
    }
}
