package dev.rollwatch.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.ReleaseStatus;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.security.testing.TestApiKeys;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The release's state machine and history, driven by events from the other services on real Kafka. */
@QuarkusTest
class ReleaseLifecycleIT {

    private KafkaTestClient kafka;
    private TopicRecorder recorder;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        recorder = kafka.record(Topics.RELEASE_REQUESTED, Topics.RELEASE_STATUS, Topics.STEP_COMPLETED + ".dlq");
    }

    @AfterEach
    void tearDown() {
        recorder.close();
        kafka.close();
    }

    private String requestRelease() {
        ReleaseRequested request = TestReleases.canary().build();
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(request))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);
        return request.releaseId();
    }

    private JsonPath release(String id) {
        return Api.as(TestApiKeys.VIEWER)
                .get("/api/v1/releases/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private void awaitState(String id, ReleaseState state) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Api.as(TestApiKeys.VIEWER)
                        .get("/api/v1/releases/" + id)
                        .then()
                        .body("release.state", equalTo(state.name())));
    }

    @Test
    void publishesReleaseRequestedAndPendingStatusOnce() {
        String id = requestRelease();

        List<CloudEvent<ReleaseEvent>> requested = recorder.awaitEvents(Topics.RELEASE_REQUESTED, id, 1);
        recorder.awaitEvents(Topics.RELEASE_STATUS, id, 1);

        assertThat(requested).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("release-service");
            assertThat(((ReleaseRequested) e.data()).requestedBy().actor()).isEqualTo("platform-admin");
        });
        assertThat(((ReleaseStatus) recorder.events(Topics.RELEASE_STATUS, id)
                                .get(0)
                                .data())
                        .state())
                .isEqualTo(ReleaseState.PENDING);
    }

    @Test
    void followsTheExecutorThroughStepsToSuccess() {
        String id = requestRelease();

        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 10)));
        awaitState(id, ReleaseState.PROGRESSING);
        assertThat(release(id).getInt("release.canaryWeight")).isEqualTo(10);

        kafka.send(EventFixtures.event("executor-service", EventFixtures.promoted(id, 4)));
        awaitState(id, ReleaseState.SUCCEEDED);

        JsonPath detail = release(id);
        assertThat(detail.getList("history.type", String.class))
                .containsExactly(
                        "dev.rollwatch.release.requested.v1",
                        "dev.rollwatch.step.completed.v1",
                        "dev.rollwatch.step.completed.v1");
        assertThat(detail.getString("release.finishedAt")).isNotNull();
    }

    @Test
    void rollbackWithEvidenceEndsRolledBackWithTheEvidenceInHistory() {
        String id = requestRelease();
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 10)));
        kafka.send(EventFixtures.event("health-monitor-service", EventFixtures.healthDegraded(id)));
        kafka.send(EventFixtures.event(
                "rollback-service", EventFixtures.rollbackTriggered(id, RollbackTriggered.Reason.HEALTH_DEGRADED)));
        awaitState(id, ReleaseState.ROLLING_BACK);

        kafka.send(EventFixtures.event("executor-service", EventFixtures.rolledBack(id, 4)));
        awaitState(id, ReleaseState.ROLLED_BACK);

        // The evidence is kept even when its topic is consumed after the restore it caused.
        await().atMost(Duration.ofSeconds(20)).until(() -> release(id).get("lastHealth") != null);
        JsonPath detail = release(id);
        assertThat(detail.getString("release.reason")).startsWith("rolled back:");
        assertThat(detail.getDouble("lastHealth.evidence[0].observed")).isEqualTo(0.124);
        assertThat(detail.getList("history.source", String.class))
                .contains("health-monitor-service", "rollback-service");
    }

    @Test
    void aHealthyVerdictIsKeptInTheHistoryWithoutChangingTheRelease() {
        String id = requestRelease();
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 10)));
        awaitState(id, ReleaseState.PROGRESSING);
        String updatedAt = release(id).getString("release.updatedAt");

        kafka.send(EventFixtures.event("health-monitor-service", EventFixtures.healthPassed(id, 10)));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> release(id).getList("history").size() == 3);
        JsonPath detail = release(id);
        assertThat(detail.getString("history[2].type")).isEqualTo("dev.rollwatch.health.passed.v1");
        assertThat(detail.getString("history[2].source")).isEqualTo("health-monitor-service");
        assertThat(detail.getString("history[2].effect")).isEqualTo("NOTED");
        assertThat(detail.getString("history[2].stateAfter")).isEqualTo("PROGRESSING");
        assertThat(detail.getString("history[2].note")).startsWith("judged HEALTHY at 10% (scrape): all SLOs met");
        assertThat(detail.getInt("history[2].data.canaryWeight")).isEqualTo(10);
        assertThat(detail.getString("history[2].data.evidence[0].metric")).isEqualTo("errorRate");
        // Noted, not applied: the release, its last change and its health evidence are as they were.
        assertThat(detail.getString("release.state")).isEqualTo("PROGRESSING");
        assertThat(detail.getString("release.updatedAt")).isEqualTo(updatedAt);
        assertThat(detail.getInt("release.canaryWeight")).isEqualTo(10);
        assertThat(detail.get("lastHealth") == null).isTrue();
    }

    @Test
    void aRedeliveredEventChangesNothingTwice() {
        String id = requestRelease();
        CloudEvent<?> step = EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 10));

        kafka.send(step);
        kafka.send(step);
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 2, 4, 50)));
        await().atMost(Duration.ofSeconds(20)).until(() -> release(id).getInt("release.canaryWeight") == 50);

        assertThat(release(id).getList("history.type")).hasSize(3);
        // PENDING, then one PROGRESSING per distinct step event.
        assertThat(recorder.awaitEvents(Topics.RELEASE_STATUS, id, 3)).hasSize(3);
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextOneIsProcessed() {
        String id = requestRelease();

        kafka.sendRaw(
                Topics.STEP_COMPLETED,
                id,
                Map.of("ce_specversion", "1.0", "ce_type", "dev.rollwatch.step.completed.v1"),
                "{\"not\": \"a step\"}");
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 25)));

        var deadLetter = recorder.awaitRecord(Topics.STEP_COMPLETED + ".dlq", id);
        assertThat(TopicRecorder.headers(deadLetter).get("dead-letter-reason"))
                .isEqualTo("missing CloudEvents header ce_id");
        assertThat(deadLetter.value()).isEqualTo("{\"not\": \"a step\"}");
        awaitState(id, ReleaseState.PROGRESSING);
        assertThat(release(id).getInt("release.canaryWeight")).isEqualTo(25);
    }

    @Test
    void aStepReportedAfterTheReleaseEndedIsRecordedNotApplied() {
        String id = requestRelease();
        kafka.send(EventFixtures.event("executor-service", EventFixtures.promoted(id, 4)));
        awaitState(id, ReleaseState.SUCCEEDED);

        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 1, 4, 50)));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> release(id).getList("history").size() == 3);
        JsonPath detail = release(id);
        assertThat(detail.getString("history[2].effect")).isEqualTo("IGNORED");
        assertThat(detail.getString("release.state")).isEqualTo("SUCCEEDED");
    }
}
