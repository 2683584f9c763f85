package dev.rollwatch.release;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import dev.rollwatch.security.testing.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
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

    @Test
    void theOpenApiDocumentDescribesTheReleaseApi() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(containsString("/api/v1/releases/{id}/{command}"))
                .body(containsString("/api/v1/metrics/dora"))
                .body(containsString("bearer"));
    }
}
