package dev.rollwatch.release;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.security.testing.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.parsing.Parser;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint needs a valid API key; roles and namespaces bound what it may do. */
@QuarkusTest
class AuthIT {

    @BeforeAll
    static void problemsAreJson() {
        RestAssured.registerParser("application/problem+json", Parser.JSON);
    }

    @Test
    void withoutAKeyTheApiAnswers401WithAChallenge() {
        given().get("/api/v1/releases").then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"rollwatch\"");
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/releases")
                .then()
                .statusCode(401);
        given().get("/api/v1/metrics/dora?application=checkout").then().statusCode(401);
        given().get("/api/v1/releases/stream").then().statusCode(401);
    }

    @Test
    void anUnknownKeyIs401() {
        Api.as("not-a-key").get("/api/v1/releases").then().statusCode(401);
        given().header("X-API-Key", "not-a-key").get("/api/v1/releases").then().statusCode(401);
    }

    @Test
    void theKeyMayAlsoComeInTheApiKeyHeader() {
        given().header("X-API-Key", TestApiKeys.VIEWER)
                .get("/api/v1/releases")
                .then()
                .statusCode(200);
    }

    @Test
    void aViewerCannotRequestReleasesOrSteerThem() {
        Api.as(TestApiKeys.VIEWER)
                .body(Api.body(TestReleases.canary().build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(403);
        String id = created(TestReleases.canary().build());
        Api.as(TestApiKeys.VIEWER)
                .post("/api/v1/releases/" + id + "/abort")
                .then()
                .statusCode(403);
    }

    @Test
    void aReleaserCannotSteerReleases() {
        String id = created(TestReleases.canary().build());
        Api.as(TestApiKeys.CI_SHOP)
                .post("/api/v1/releases/" + id + "/pause")
                .then()
                .statusCode(403);
    }

    @Test
    void aKeyLimitedToANamespaceCannotReleaseIntoAnother() {
        Api.as(TestApiKeys.CI_SHOP)
                .body(Api.body(TestReleases.canary().namespace("payments").build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(403)
                .body("detail", equalTo("API key 'ci-shop' may not act in namespace 'payments'"));
        Api.as(TestApiKeys.CI_SHOP)
                .body(Api.body(TestReleases.canary().namespace("shop").build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);
    }

    @Test
    void aStrangerLearnsNothingFromValidationErrorsInANamespaceItMayNotUse() {
        ReleaseRequested invalid =
                TestReleases.canary().namespace("payments").image("not pinned").build();

        Api.as(TestApiKeys.CI_SHOP)
                .body(Api.body(invalid))
                .post("/api/v1/releases")
                .then()
                .statusCode(403)
                .body("errors", nullValue());
    }

    @Test
    void anotherNamespacesReleaseAnswersExactlyAsAnUnknownOne() {
        String payments = created(TestReleases.canary().namespace("payments").build());
        String unknown = "no-such-" + UUID.randomUUID();

        for (String id : List.of(payments, unknown)) {
            Api.as(TestApiKeys.CI_SHOP)
                    .get("/api/v1/releases/" + id)
                    .then()
                    .statusCode(404)
                    .body("title", equalTo("Not found"))
                    .body("detail", equalTo("no release '" + id + "'"));
            Api.as(TestApiKeys.OPERATOR_SHOP)
                    .body("{\"reason\": \"probe\"}")
                    .post("/api/v1/releases/" + id + "/abort")
                    .then()
                    .statusCode(404)
                    .body("title", equalTo("Not found"))
                    .body("detail", equalTo("no release '" + id + "'"));
        }
    }

    @Test
    void aKeyLimitedToANamespaceSeesOnlyItsReleases() {
        String payments = created(TestReleases.canary().namespace("payments").build());

        Api.as(TestApiKeys.CI_SHOP).get("/api/v1/releases/" + payments).then().statusCode(404);
        Api.as(TestApiKeys.CI_SHOP)
                .queryParam("size", 100)
                .get("/api/v1/releases")
                .then()
                .statusCode(200)
                .body("items.namespace", everyItem(equalTo("shop")));
    }

    @Test
    void healthMetricsAndTheApiDocumentNeedNoKey() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    private static String created(ReleaseRequested request) {
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(request))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);
        return request.releaseId();
    }
}
