package dev.rollwatch.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Weights;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.security.testing.TestApiKeys;
import dev.rollwatch.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** DORA figures come from the recorded history of an application's releases. */
@QuarkusTest
class DoraIT {

    private final String app = "dora-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant now = Instant.now();

    /** One release per namespace: an application has one release in flight at a time. */
    private String release(String namespace, Duration commitAge) {
        ReleaseRequested request = TestReleases.canary()
                .application(app)
                .namespace(namespace)
                .requestedBy(new ReleaseRequested.Requester(null, "ci#1", "abcdef1234", now.minus(commitAge), null))
                .build();
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(request))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);
        return request.releaseId();
    }

    private static StepCompleted finished(String id, StepCompleted.Phase phase, Instant at) {
        return new StepCompleted(
                id,
                phase == StepCompleted.Phase.COMPLETED ? 3 : -1,
                4,
                phase == StepCompleted.Phase.COMPLETED ? StepCompleted.Action.PROMOTE : StepCompleted.Action.ROLLBACK,
                StepCompleted.Outcome.SUCCEEDED,
                phase,
                Weights.ALL_STABLE,
                at.minusSeconds(5),
                at,
                "done",
                EventFixtures.STABLE);
    }

    @Test
    void reportsFrequencyLeadTimeFailureRateAndTimeToRestore() {
        String fast = release("shop", Duration.ofMinutes(30));
        String slow = release("payments", Duration.ofMinutes(90));
        String bad = release("search", Duration.ofMinutes(10));
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.send(EventFixtures.event("executor-service", finished(fast, StepCompleted.Phase.COMPLETED, now)));
            kafka.send(EventFixtures.event("executor-service", finished(slow, StepCompleted.Phase.COMPLETED, now)));
            var degraded = EventFixtures.healthDegraded(bad);
            kafka.send(EventFixtures.event(
                    "health-monitor-service",
                    new dev.rollwatch.events.HealthDegraded(
                            bad,
                            now.minusSeconds(120),
                            now.minusSeconds(130),
                            3,
                            10,
                            "scrape",
                            degraded.evidence(),
                            "errors")));
            kafka.send(EventFixtures.event(
                    "rollback-service",
                    EventFixtures.rollbackTriggered(bad, RollbackTriggered.Reason.HEALTH_DEGRADED)));
            kafka.send(EventFixtures.event("executor-service", finished(bad, StepCompleted.Phase.ROLLED_BACK, now)));
        }

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> dora().getInt("releases") == 3 && dora().get("timeToRestoreSeconds") != null);
        JsonPath dora = dora();
        assertThat(dora.getInt("deployments")).isEqualTo(2);
        assertThat(dora.getDouble("deploymentsPerDay")).isEqualTo(2 / 30.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(dora.getLong("leadTimeSeconds")).isBetween(3590L, 3610L);
        assertThat(dora.getDouble("changeFailureRate")).isEqualTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(dora.getInt("rolledBack")).isEqualTo(1);
        assertThat(dora.getLong("timeToRestoreSeconds")).isEqualTo(120L);
    }

    @Test
    void theApplicationIsRequired() {
        Api.as(TestApiKeys.VIEWER).get("/api/v1/metrics/dora").then().statusCode(400);
    }

    private JsonPath dora() {
        return Api.as(TestApiKeys.VIEWER)
                .queryParam("application", app)
                .get("/api/v1/metrics/dora")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
