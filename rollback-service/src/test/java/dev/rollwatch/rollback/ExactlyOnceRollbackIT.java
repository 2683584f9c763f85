package dev.rollwatch.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackPolicy;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.rollback.testing.Scenario;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** However many degraded signals and aborts arrive, in whatever order, a release is rolled back once. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ExactlyOnceRollbackIT {

    private final Scenario scenario = new Scenario();
    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        scenario.close();
        kafka.close();
    }

    private String runningRelease() {
        ReleaseRequested request = scenario.request(
                Scenario.isolated(ReleaseRequestBuilder.canary()).rollbackPolicy(RollbackPolicy.AUTOMATIC));
        scenario.step(EventFixtures.weightSet(request.releaseId(), 0, 4, 10));
        // The stable state to restore comes with the step, on its own topic: the signals must come after it.
        Scenario.awaitRequested(request.releaseId());
        Scenario.awaitPhase(request.releaseId(), "PROGRESSING");
        return request.releaseId();
    }

    @Test
    void fiveDegradedSignalsWithSameAndDifferentIdsYieldExactlyOneRollback() {
        String id = runningRelease();
        CloudEvent<HealthDegraded> first = scenario.degraded(id);
        scenario.resend(first);
        CloudEvent<HealthDegraded> second = scenario.degraded(id);
        scenario.resend(first);
        scenario.degraded(id);
        scenario.resend(second);
        scenario.degraded(id);
        scenario.degraded(id);

        RollbackTriggered rollback = scenario.awaitRollback(id, 1);
        // Every distinct signal is recorded once (redeliveries are recognised by ce_id); one decided.
        JsonPath state = Scenario.awaitInputs(id, 5);

        assertThat(state.getList("inputs.eventId", String.class)).hasSize(5).doesNotHaveDuplicates();
        assertThat(state.getList("inputs.effect", String.class))
                .containsExactly("DECIDED", "RECORDED", "RECORDED", "RECORDED", "RECORDED");
        assertThat(state.getString("decision.causeEventId"))
                .isEqualTo(first.id().toString());
        assertThat(rollback.reason()).isEqualTo(RollbackTriggered.Reason.HEALTH_DEGRADED);
        assertThat(rollback.causeEventId()).isEqualTo(first.id());
        assertThat(rollback.evidence()).containsExactlyElementsOf(first.data().evidence());
        assertThat(rollback.restoreTo()).isEqualTo(EventFixtures.STABLE);
        // The outbox publishes within ~100 ms of the commit; nothing more may follow for this release.
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> scenario.rollbacks(id).size() == 1);
    }

    @Test
    void anAbortRacingAnAutomaticRollbackYieldsOneRollback() {
        String id = runningRelease();

        // Different topics, consumed concurrently: the release's lock lets exactly one of them decide.
        scenario.degraded(id);
        scenario.abort(id);
        scenario.degraded(id);
        scenario.abort(id);

        JsonPath state = Scenario.awaitInputs(id, 4);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> scenario.rollbacks(id).size() == 1);
        List<String> effects = state.getList("inputs.effect", String.class);
        assertThat(effects)
                .containsOnly("DECIDED", "RECORDED")
                .filteredOn("DECIDED"::equals)
                .hasSize(1);
        RollbackTriggered rollback = scenario.rollbacks(id).get(0);
        assertThat(rollback.attempt()).isEqualTo(1);
        assertThat(rollback.reason())
                .isIn(RollbackTriggered.Reason.HEALTH_DEGRADED, RollbackTriggered.Reason.MANUAL_ABORT);
        assertThat(state.getString("decision.reason"))
                .isEqualTo(rollback.reason().name());
    }

    @Test
    void aMalformedSignalIsDeadLetteredAndTheNextOneIsDecided() {
        String id = runningRelease();
        TopicRecorder deadLetters = kafka.record(Topics.deadLetter(Topics.HEALTH_DEGRADED));
        try {
            kafka.sendRaw(
                    Topics.HEALTH_DEGRADED,
                    id,
                    Map.of(
                            "ce_specversion",
                            "1.0",
                            "ce_id",
                            UUID.randomUUID().toString(),
                            "ce_type",
                            "dev.rollwatch.health.degraded.v1",
                            "ce_source",
                            "health-monitor-service",
                            "ce_time",
                            "2026-11-20T14:03:41Z",
                            "ce_subject",
                            id),
                    "{\"releaseId\": \"" + id + "\"}");
            scenario.degraded(id);

            var deadLetter = deadLetters.awaitRecord(Topics.deadLetter(Topics.HEALTH_DEGRADED), id);
            assertThat(TopicRecorder.headers(deadLetter).get("dead-letter-reason"))
                    .isNotBlank();
            assertThat(scenario.awaitRollback(id, 1).reason()).isEqualTo(RollbackTriggered.Reason.HEALTH_DEGRADED);
        } finally {
            deadLetters.close();
        }
    }

    @Test
    void aDecisionSurvivesARedeliveryAfterItWasPublished() {
        String id = runningRelease();
        CloudEvent<HealthDegraded> signal = scenario.degraded(id);
        scenario.awaitRollback(id, 1);

        scenario.resend(signal);
        scenario.degraded(id);

        Scenario.awaitInputs(id, 2);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> scenario.rollbacks(id).size() == 1);
    }
}
