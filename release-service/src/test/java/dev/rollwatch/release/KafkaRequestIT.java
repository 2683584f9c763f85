package dev.rollwatch.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.security.testing.TestApiKeys;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** CI without HTTP access produces release.requested straight onto Kafka. */
@QuarkusTest
class KafkaRequestIT {

    private static JsonPath awaitRelease(String id) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() ->
                        Api.as(TestApiKeys.VIEWER).get("/api/v1/releases/" + id).statusCode() == 200);
        return Api.as(TestApiKeys.VIEWER).get("/api/v1/releases/" + id).jsonPath();
    }

    @Test
    void aReleaseProducedOnKafkaIsRegisteredLikeOneFromTheApi() {
        ReleaseRequested request =
                TestReleases.canary().requestedAt(Instant.now()).build();
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.send(CloudEvent.of("ci/gitlab", Instant.now(), request));
        }

        JsonPath release = awaitRelease(request.releaseId());
        assertThat(release.getString("release.state")).isEqualTo("PENDING");
        assertThat(release.getString("history[0].source")).isEqualTo("ci/gitlab");
        assertThat(release.getString("history[0].note")).isEqualTo("requested on Kafka by ci/gitlab");
    }

    @Test
    void aReleaseProducedOnKafkaWithoutAMetricSourceRunsButIsShownAsUnwatched() {
        // Nobody can answer 400 to a Kafka producer: the release goes on, and says that nothing judges it.
        ReleaseRequested request = TestReleases.canary()
                .withoutMetricSource()
                .requestedAt(Instant.now())
                .build();
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.send(CloudEvent.of("ci/gitlab", Instant.now(), request));
        }

        JsonPath release = awaitRelease(request.releaseId());
        assertThat(release.getString("release.state")).isEqualTo("PENDING");
        assertThat(release.getBoolean("release.watched")).isFalse();
        assertThat(release.getString("release.unwatchedReason"))
                .isEqualTo("the request names no slo.metricSource and the installation's default source is none");
        assertThat(release.getString("history[0].note"))
                .isEqualTo(
                        "requested on Kafka by ci/gitlab; not watched by "
                                + "any metric source: the request names no slo.metricSource and the installation's default source is none");
    }

    @Test
    void aRequestBreakingTheReleaseRulesIsDeadLetteredWithTheReason() {
        ReleaseRequested bad = TestReleases.canary().image("checkout").build();
        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder dlq = kafka.record(Topics.RELEASE_REQUESTED + ".dlq")) {
            kafka.send(CloudEvent.of("ci/gitlab", Instant.now(), bad));

            String reason = TopicRecorder.headers(dlq.awaitRecord(Topics.RELEASE_REQUESTED + ".dlq", bad.releaseId()))
                    .get("dead-letter-reason");
            assertThat(reason)
                    .isEqualTo("release request breaks the release rules: image must name a tag or a "
                            + "digest (e.g. registry.example.com/shop/checkout:1.4.2)");
        }
        Api.as(TestApiKeys.VIEWER)
                .get("/api/v1/releases/" + bad.releaseId())
                .then()
                .statusCode(404);
    }

    @Test
    void eventsThatOvertakeTheRequestAreAppliedWhenItArrives() {
        ReleaseRequested request =
                TestReleases.canary().requestedAt(Instant.now()).build();
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(request.releaseId(), 0, 4, 10)));
            kafka.send(CloudEvent.of("ci/gitlab", Instant.now(), request));
        }

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Api.as(TestApiKeys.VIEWER)
                        .get("/api/v1/releases/" + request.releaseId())
                        .then()
                        .body("release.state", equalTo("PROGRESSING"))
                        .body("release.canaryWeight", equalTo(10)));
    }
}
