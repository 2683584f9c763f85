package dev.rollwatch.release;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.rollwatch.security.testing.TestApiKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The release API's port is the one CI, dashboards and the ingress reach, so it serves the API and
 * nothing else: health, metrics and the API document are on the management port, which only the
 * kubelet and the monitoring namespace reach. Runs the production configuration (the prod profile, as
 * the packaged service and the local system run it); only the ports are chosen free, as every test's.
 */
@QuarkusTest
@TestProfile(ManagementInterfaceIT.Production.class)
class ManagementInterfaceIT {

    private static final List<String> MANAGEMENT_PATHS = List.of(
            "/q/health",
            "/q/health/ready",
            "/q/health/live",
            "/q/health/started",
            "/q/metrics",
            "/q/openapi",
            "/q/swagger-ui/");

    public static class Production implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // Only where the test listens; whether the management interface is on is the production setting.
            return Map.of("quarkus.http.test-port", "0", "quarkus.management.test-port", "0");
        }
    }

    @TestHTTPResource("/")
    URL api;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void theApiPortServesNoHealthMetricsOrApiDocumentWithOrWithoutAKey() {
        for (String path : MANAGEMENT_PATHS) {
            given().port(api.getPort()).get(path).then().statusCode(404);
            Api.as(TestApiKeys.ADMIN).port(api.getPort()).get(path).then().statusCode(404);
        }
    }

    @Test
    void theManagementPortServesProbesMetricsAndTheApiDocumentWithoutAKey() {
        given().port(management.getPort())
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(
                        "checks.name",
                        hasItems(
                                "Reactive PostgreSQL connections health check",
                                "SmallRye Reactive Messaging - readiness check"));
        given().port(management.getPort()).get("/q/health/live").then().statusCode(200);
        given().port(management.getPort()).get("/q/health/started").then().statusCode(200);
        given().port(management.getPort())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("rollwatch_outbox_lag_seconds"))
                .body(containsString("rollwatch_events_parked"));
        given().port(management.getPort())
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(containsString("/api/v1/releases/{id}/{command}"));
    }

    @Test
    void theReleaseApiStaysOnTheApiPortAndIsNotServedOnTheManagementPort() {
        Api.as(TestApiKeys.ADMIN)
                .port(api.getPort())
                .get("/api/v1/releases")
                .then()
                .statusCode(200);
        given().port(api.getPort()).get("/api/v1/releases").then().statusCode(401);

        Api.as(TestApiKeys.ADMIN)
                .port(management.getPort())
                .get("/api/v1/releases")
                .then()
                .statusCode(404)
                .body(not(containsString("releaseId")));
    }
}
