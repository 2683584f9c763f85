package dev.rollwatch.release;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollwatch.events.Topics;
import dev.rollwatch.security.testing.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** What operators of Rollwatch itself look at: readiness, metrics, the API document. */
@QuarkusTest
class ObservabilityIT {

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(
                        "checks.name",
                        hasItems(
                                "Reactive PostgreSQL connections health check",
                                "SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void metricsShowReleasesByStateApiLatencyAndOutboxLag() {
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(TestReleases.canary().build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/metrics")
                        .then()
                        .body(containsString("rollwatch_releases{state=\"PENDING\"}"))
                        .body(containsString("http_server_requests_seconds_count{method=\"POST\""))
                        .body(containsString("rollwatch_outbox_lag_seconds"))
                        .body(containsString("rollwatch_outbox_pending")));
    }

    /**
     * The RollwatchEventsParked alert reads this gauge: it must be there, at 0, before anything parks, or
     * the alert has no series to judge (and the system test's monitoring check finds no such metric).
     */
    @Test
    void parkedEventsAreMeasuredOnEveryConsumedTopicBeforeAnyParks() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();

        for (String topic : List.of(
                Topics.RELEASE_REQUESTED,
                Topics.STEP_COMPLETED,
                Topics.HEALTH_DEGRADED,
                Topics.HEALTH_WARNING,
                Topics.HEALTH_PASSED,
                Topics.ROLLBACK_TRIGGERED,
                Topics.ROLLBACK_NOTICE,
                Topics.RELEASE_COMMANDS)) {
            assertThat(metrics).as(topic).contains("rollwatch_events_parked{topic=\"" + topic + "\"}");
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheReleaseApi() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(containsString("/api/v1/releases/{id}/{command}"))
                .body(containsString("/api/v1/metrics/dora"))
                .body(containsString("bearer"));
    }

    /**
     * Keeps the document the running service serves where run-tests.sh hands it to an OpenAPI validator
     * (tools/contract-validators): what is checked is what a client gets, not a build-time copy.
     */
    @Test
    void theServedOpenApiDocumentIsKeptForTheOpenApiValidator() throws Exception {
        String served = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Path kept = Path.of("target/openapi/served-openapi.json");
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, served);
        assertThat(new ObjectMapper().readTree(kept.toFile()).path("openapi").asText())
                .startsWith("3.");
    }
}
