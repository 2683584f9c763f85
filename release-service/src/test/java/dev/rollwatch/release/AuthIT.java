package dev.rollwatch.release;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.security.testing.ApiAccess;
import dev.rollwatch.security.testing.Caller;
import dev.rollwatch.security.testing.TestApiKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.parsing.Parser;
import io.restassured.response.Response;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every endpoint needs a valid API key; roles and namespaces bound what it may do. The matrix runs every
 * caller of {@link Caller} against every endpoint over one release in each of its two namespaces.
 */
@QuarkusTest
class AuthIT {

    /** The prefix of the matrix's applications, so its lists hold only its releases. */
    private static final String APPLICATION =
            "matrix-" + UUID.randomUUID().toString().substring(0, 8);

    private static Map<String, String> releaseIn;

    @TestHTTPResource("/api/v1/releases/stream")
    URI stream;

    /** One release in each namespace of the matrix, created once. */
    private static Map<String, String> releaseIn() {
        if (releaseIn == null) {
            releaseIn = Map.of(
                    TestApiKeys.THE_NAMESPACE,
                    created(TestReleases.canary()
                            .application(applicationIn(TestApiKeys.THE_NAMESPACE))
                            .namespace(TestApiKeys.THE_NAMESPACE)
                            .build()),
                    TestApiKeys.ANOTHER_NAMESPACE,
                    created(TestReleases.canary()
                            .application(applicationIn(TestApiKeys.ANOTHER_NAMESPACE))
                            .namespace(TestApiKeys.ANOTHER_NAMESPACE)
                            .build()));
        }
        return releaseIn;
    }

    /** The application of the matrix's release in {@code namespace}: one running release per application. */
    private static String applicationIn(String namespace) {
        return APPLICATION + "-" + namespace;
    }

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

    @ParameterizedTest
    @EnumSource(Caller.class)
    void requestingAReleaseNeedsTheReleaserRoleForItsNamespace(Caller caller) {
        ReleaseRequested request =
                TestReleases.canary().namespace(TestApiKeys.THE_NAMESPACE).build();

        caller.request()
                .contentType(ContentType.JSON)
                .body(Api.body(request))
                .post("/api/v1/releases")
                .then()
                .statusCode(
                        !caller.authenticated()
                                ? 401
                                : caller.has("releaser") && TestApiKeys.THE_NAMESPACE.equals(caller.namespace())
                                        ? 202
                                        : 403);
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void aReleaseIsShownOnlyToAViewerOfItsNamespace(Caller caller) {
        caller.assertReads("/api/v1/releases/", releaseIn());
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void theListShowsTheReleasesOfTheKeysNamespaceAndNoOther(Caller caller) {
        for (String namespace : releaseIn().keySet()) {
            Response response = caller.request()
                    .queryParam("application", applicationIn(namespace))
                    .get("/api/v1/releases");
            if (!caller.authenticated()) {
                response.then().statusCode(401);
                continue;
            }
            List<String> shown = response.then()
                    .statusCode(200)
                    .body("items.namespace", everyItem(equalTo(caller.namespace())))
                    .extract()
                    .jsonPath()
                    .getList("items.releaseId");

            if (namespace.equals(caller.namespace())) {
                assertThat(shown).as(namespace).containsExactly(releaseIn().get(namespace));
            } else {
                assertThat(shown).as(namespace).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void steeringAReleaseNeedsTheOperatorRoleForItsNamespace(Caller caller) {
        for (String namespace : releaseIn().keySet()) {
            // A release of its own for each call: a command changes what the next one may do.
            String id = created(TestReleases.canary().namespace(namespace).build());
            caller.request()
                    .contentType(ContentType.JSON)
                    .body("{\"reason\": \"matrix\"}")
                    .post("/api/v1/releases/" + id + "/pause")
                    .then()
                    .statusCode(
                            !caller.authenticated()
                                    ? 401
                                    : !caller.has("operator") ? 403 : namespace.equals(caller.namespace()) ? 202 : 404);
        }
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void theStatusStreamNeedsAViewerKey(Caller caller) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream");
        if (caller.authorization() != null) {
            request.header("Authorization", caller.authorization());
        }
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            assertThat(response.statusCode()).isEqualTo(caller.authenticated() ? 200 : 401);
        } finally {
            response.body().close();
        }
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void doraFiguresOfANamespaceNeedAViewerOfIt(Caller caller) {
        for (String namespace : releaseIn().keySet()) {
            caller.request()
                    .queryParam("application", applicationIn(namespace))
                    .queryParam("namespace", namespace)
                    .get("/api/v1/metrics/dora")
                    .then()
                    .statusCode(!caller.authenticated() ? 401 : namespace.equals(caller.namespace()) ? 200 : 403);
        }
        caller.request()
                .queryParam("application", applicationIn(TestApiKeys.THE_NAMESPACE))
                .get("/api/v1/metrics/dora")
                .then()
                .statusCode(caller.authenticated() ? 200 : 401);
    }

    @Test
    void healthMetricsAndTheApiDocumentNeedNoKey() {
        ApiAccess.assertProbesAndScrapersNeedNoKey(true);
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
