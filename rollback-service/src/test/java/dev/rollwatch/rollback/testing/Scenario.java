package dev.rollwatch.rollback.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.security.testing.TestApiKeys;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Plays the other services around the rollback-service on real Kafka (CI, the executor, the health
 * monitor, operators) and records what it publishes.
 */
public final class Scenario implements AutoCloseable {

    private final KafkaTestClient kafka = new KafkaTestClient();
    private final TopicRecorder recorder =
            kafka.record(Topics.ROLLBACK_TRIGGERED, Topics.ROLLBACK_NOTICE, Topics.RELEASE_COMMANDS);

    /** A namespace of its own for each release, so cluster objects of different tests never meet. */
    public static String namespace() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** An artifact no other test releases, so one test's quarantine never flags another's release. */
    public static String uniqueImage() {
        return "registry.example.com/shop/checkout:1.4.2-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The release in a namespace and with an artifact of its own. */
    public static ReleaseRequestBuilder isolated(ReleaseRequestBuilder builder) {
        return builder.namespace(namespace()).image(uniqueImage());
    }

    public ReleaseRequested request(ReleaseRequestBuilder builder) {
        ReleaseRequested request = builder.build();
        send("release-service", request);
        return request;
    }

    public CloudEvent<HealthDegraded> degraded(String releaseId) {
        return send("health-monitor-service", EventFixtures.healthDegraded(releaseId));
    }

    public void step(StepCompleted step) {
        send("executor-service", step);
    }

    public void abort(String releaseId) {
        send("release-service", EventFixtures.command(releaseId, ReleaseCommand.Command.ABORT));
    }

    public <T extends ReleaseEvent> CloudEvent<T> send(String source, T data) {
        CloudEvent<T> event = EventFixtures.event(source, data);
        kafka.send(event);
        return event;
    }

    /** Publishes the same event again, as a redelivery would. */
    public void resend(CloudEvent<?> event) {
        kafka.send(event);
    }

    public List<RollbackTriggered> rollbacks(String releaseId) {
        return recorder.events(Topics.ROLLBACK_TRIGGERED, releaseId).stream()
                .map(e -> (RollbackTriggered) e.data())
                .toList();
    }

    public RollbackTriggered awaitRollback(String releaseId, int attempt) {
        CloudEvent<RollbackTriggered> event = recorder.awaitEvent(
                Topics.ROLLBACK_TRIGGERED, releaseId, e -> ((RollbackTriggered) e.data()).attempt() == attempt);
        assertThat(event.source()).isEqualTo("rollback-service");
        return event.data();
    }

    public List<RollbackNotice> notices(String releaseId) {
        return recorder.events(Topics.ROLLBACK_NOTICE, releaseId).stream()
                .map(e -> (RollbackNotice) e.data())
                .toList();
    }

    public RollbackNotice awaitNotice(String releaseId, RollbackNotice.Kind kind) {
        CloudEvent<RollbackNotice> event =
                recorder.awaitEvent(Topics.ROLLBACK_NOTICE, releaseId, e -> ((RollbackNotice) e.data()).kind() == kind);
        return event.data();
    }

    public List<ReleaseCommand> commands(String releaseId) {
        return recorder.events(Topics.RELEASE_COMMANDS, releaseId).stream()
                .map(e -> (ReleaseCommand) e.data())
                .filter(c -> "rollback-service".equals(c.requestedBy()))
                .toList();
    }

    /** The read API as a dashboard calls it: with a viewer key for every namespace (the tests' are random). */
    public static RequestSpecification api() {
        return given().auth().oauth2(TestApiKeys.VIEWER);
    }

    /** What the service's API says it decided about the release. */
    public static JsonPath rollback(String releaseId) {
        return api().get("/api/v1/rollbacks/{id}", releaseId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Waits until the service has recorded {@code count} signals or aborts for the release. */
    public static JsonPath awaitInputs(String releaseId, int count) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api().get("/api/v1/rollbacks/{id}", releaseId)
                                        .then()
                                        .extract()
                                        .statusCode()
                                == 200
                        && rollback(releaseId).getList("inputs").size() >= count);
        return rollback(releaseId);
    }

    /** Waits until the service knows the release's request (so later events find its policy). */
    public static void awaitRequested(String releaseId) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api().get("/api/v1/rollbacks/{id}", releaseId)
                                        .then()
                                        .extract()
                                        .statusCode()
                                == 200
                        && rollback(releaseId).getBoolean("release.requested"));
    }

    /** Waits until the service has the executor's step for the release (phase and stable state). */
    public static void awaitPhase(String releaseId, String phase) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api().get("/api/v1/rollbacks/{id}", releaseId)
                                        .then()
                                        .extract()
                                        .statusCode()
                                == 200
                        && phase.equals(rollback(releaseId).getString("release.phase")));
    }

    public static void awaitStatus(String releaseId, String status) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api().get("/api/v1/rollbacks/{id}", releaseId)
                                        .then()
                                        .extract()
                                        .statusCode()
                                == 200
                        && status.equals(rollback(releaseId).getString("decision.status")));
    }

    @Override
    public void close() {
        recorder.close();
        kafka.close();
    }
}
