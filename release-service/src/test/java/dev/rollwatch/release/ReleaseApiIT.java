package dev.rollwatch.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.ReleaseStatus;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.Topics;
import dev.rollwatch.security.testing.TestApiKeys;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating releases: validation, idempotency, the request CI gets back. */
@QuarkusTest
class ReleaseApiIT {

    private KafkaTestClient kafka;
    private TopicRecorder recorder;

    @BeforeAll
    static void problemsAreJson() {
        RestAssured.registerParser("application/problem+json", Parser.JSON);
    }

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        recorder = kafka.record(Topics.RELEASE_REQUESTED, Topics.RELEASE_STATUS);
    }

    @AfterEach
    void tearDown() {
        recorder.close();
        kafka.close();
    }

    @Test
    void acceptsAValidCanaryReleaseAndSaysWhereItLives() {
        String location = Api.as(TestApiKeys.ADMIN)
                .header("Host", "evil.example")
                .header("X-Forwarded-Host", "evil.example")
                .body(Api.body(TestReleases.canary().releaseId(null).build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(202)
                .header("Location", startsWith("/api/v1/releases/"))
                .body("state", equalTo("PENDING"))
                .body("requestedBy", equalTo("platform-admin"))
                .body("version", equalTo("1.4.2"))
                .body("watched", equalTo(true))
                .extract()
                .header("Location");

        Api.as(TestApiKeys.VIEWER)
                .get(location)
                .then()
                .statusCode(200)
                .body("request.strategy.canary.steps[0].setWeight", equalTo(10))
                .body("request.requestedBy.commit", equalTo("7f3a9c1e5b2d4a6f8c0e1b3d5f7a9c2e4b6d8f0a"));
    }

    @Test
    void rejectsAnInvalidRequestNamingEveryFieldAndPublishesNothing() {
        ReleaseRequested bad = TestReleases.canary()
                .namespace("Shop_Prod")
                .image("checkout")
                .steps(Strategy.CanaryStep.weight(50), Strategy.CanaryStep.weight(20))
                .build();

        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(bad))
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("namespace", "image", "strategy.canary.steps[1].setWeight")))
                .body("errors[1].message", containsString("tag or a digest"));

        // The outbox relays in commit order: once a later valid request is out, an earlier one would be too.
        ReleaseRequested good = TestReleases.canary().build();
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(good))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);
        recorder.awaitEvents(Topics.RELEASE_REQUESTED, good.releaseId(), 1);
        assertThat(recorder.records(Topics.RELEASE_REQUESTED, bad.releaseId())).isEmpty();
        Api.as(TestApiKeys.VIEWER)
                .get("/api/v1/releases/" + bad.releaseId())
                .then()
                .statusCode(404);
    }

    @Test
    void refusesAReleaseWithoutAMetricSourceWhenTheInstallationHasNone() {
        ReleaseRequested unjudged = TestReleases.canary().withoutMetricSource().build();

        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(unjudged))
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("slo.metricSource")))
                .body("errors[0].message", containsString("no default metric source"))
                .body("errors[0].message", containsString("Name a source"))
                .body(
                        "errors[0].message",
                        containsString("set slo.metricSource.type to none to accept an unwatched release"));

        Api.as(TestApiKeys.VIEWER)
                .get("/api/v1/releases/" + unjudged.releaseId())
                .then()
                .statusCode(404);
    }

    @Test
    void refusesAReleaseWithoutAnySloWhenTheInstallationHasNoMetricSource() {
        ObjectNode body = Api.body(TestReleases.canary().build());
        body.remove("slo");

        Api.as(TestApiKeys.ADMIN)
                .body(body)
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("slo.metricSource")));
    }

    @Test
    void acceptsAnExplicitlyUnwatchedReleaseAndSaysNothingJudgesIt() {
        ReleaseRequested unwatched = TestReleases.canary().unwatched().build();
        String id = unwatched.releaseId();

        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(unwatched))
                .post("/api/v1/releases")
                .then()
                .statusCode(202)
                .body("watched", equalTo(false))
                .body("unwatchedReason", equalTo("the request sets slo.metricSource.type to none"));

        Api.as(TestApiKeys.VIEWER)
                .get("/api/v1/releases/" + id)
                .then()
                .statusCode(200)
                .body("release.watched", equalTo(false))
                .body("release.unwatchedReason", equalTo("the request sets slo.metricSource.type to none"))
                .body("request.slo.metricSource.type", equalTo("none"))
                .body("history[0].note", containsString("not watched by any metric source"));
        Api.as(TestApiKeys.VIEWER)
                .queryParam("application", unwatched.application())
                .get("/api/v1/releases")
                .then()
                .body("items[0].watched", equalTo(false));
        // Dashboards reading release.status (or the SSE stream) see it too.
        ReleaseStatus status = (ReleaseStatus)
                recorder.awaitEvents(Topics.RELEASE_STATUS, id, 1).get(0).data();
        assertThat(status.watched()).isFalse();
        assertThat(status.unwatchedReason()).isEqualTo("the request sets slo.metricSource.type to none");
    }

    @Test
    void refusesAnUnwatchedReleaseThatStillNamesAnAddressNamingTheField() {
        ObjectNode body = Api.body(TestReleases.canary().unwatched().build());
        ((ObjectNode) body.at("/slo/metricSource")).put("address", "http://prometheus.monitoring:9090");

        Api.as(TestApiKeys.ADMIN)
                .body(body)
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("slo.metricSource.address")))
                .body("errors[0].message", containsString("slo.metricSource.type is none"));
    }

    @Test
    void acceptsAWatchedReleaseThatProceedsWithoutAVerdictAndPassesTheChoiceOn() {
        ReleaseRequested proceeding =
                TestReleases.canary().whenUnjudged(Slo.WhenUnjudged.PROCEED).build();

        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(proceeding))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);

        Api.as(TestApiKeys.VIEWER)
                .get("/api/v1/releases/" + proceeding.releaseId())
                .then()
                .statusCode(200)
                .body("request.slo.whenUnjudged", equalTo("proceed"));
        ReleaseRequested published =
                (ReleaseRequested) recorder.awaitEvents(Topics.RELEASE_REQUESTED, proceeding.releaseId(), 1)
                        .get(0)
                        .data();
        assertThat(published.slo().whenUnjudged()).isEqualTo(Slo.WhenUnjudged.PROCEED);
    }

    @Test
    void refusesAnUnwatchedReleaseThatChoosesWhatToDoWithoutAVerdictNamingTheField() {
        ReleaseRequested unwatched = TestReleases.canary()
                .unwatched()
                .whenUnjudged(Slo.WhenUnjudged.HOLD)
                .build();

        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(unwatched))
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("slo.whenUnjudged")))
                .body("errors[0].message", containsString("slo.metricSource.type is none"));
    }

    @Test
    void rejectsAnUnknownWhenUnjudgedChoiceListingTheKnownOnes() {
        ObjectNode body = Api.body(TestReleases.canary().build());
        ((ObjectNode) body.get("slo")).put("whenUnjudged", "wait");

        Api.as(TestApiKeys.ADMIN)
                .body(body)
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("slo.whenUnjudged"))
                .body("errors[0].message", equalTo("must be one of hold, proceed, rollback"));
    }

    @Test
    void rejectsAWrongTypeNamingTheField() {
        ObjectNode body = Api.body(TestReleases.canary().build());
        ((ObjectNode) body.at("/strategy/canary/steps/0")).put("setWeight", "ten");

        Api.as(TestApiKeys.ADMIN)
                .body(body)
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("strategy.canary.steps[0].setWeight"))
                .body("errors[0].message", containsString("whole number"));
    }

    @Test
    void rejectsAnUnknownRouterTypeListingTheKnownOnes() {
        ObjectNode body = Api.body(TestReleases.canary().build());
        ((ObjectNode) body.get("trafficRouter")).put("type", "linkerd2");

        Api.as(TestApiKeys.ADMIN)
                .body(body)
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("trafficRouter.type"))
                .body("errors[0].message", equalTo("must be one of replicaRatio, istio, gatewayApi, nginx, smi"));
    }

    @Test
    void rejectsAnUnknownFieldSoTyposDoNotPassSilently() {
        ObjectNode body = Api.body(TestReleases.canary().build());
        body.put("namspace", "shop");

        Api.as(TestApiKeys.ADMIN)
                .body(body)
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("namspace"))
                .body("errors[0].message", equalTo("is not a known field"));
    }

    @Test
    void rejectsABodyThatIsNotJson() {
        Api.as(TestApiKeys.ADMIN)
                .body("{\"application\": ")
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("detail", startsWith("the body is not valid JSON"));
    }

    @Test
    void aRetriedCallWithTheSameIdempotencyKeyReturnsTheSameRelease() {
        ObjectNode body = Api.body(TestReleases.canary().releaseId(null).build());
        String key = "pipeline-4812-" + UUID.randomUUID();

        String first = Api.as(TestApiKeys.ADMIN)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/releases")
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", "false")
                .extract()
                .path("releaseId");
        String second = Api.as(TestApiKeys.ADMIN)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/releases")
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", "true")
                .extract()
                .path("releaseId");

        assertThat(second).isEqualTo(first);
        recorder.awaitEvents(Topics.RELEASE_REQUESTED, first, 1);
        Api.as(TestApiKeys.VIEWER)
                .queryParam("application", body.get("application").asText())
                .queryParam("size", 100)
                .get("/api/v1/releases")
                .then()
                .body("items.findAll { it.releaseId == '" + first + "' }.size()", equalTo(1));
    }

    @Test
    void theSameIdempotencyKeyWithADifferentRequestIsRefused() {
        String key = "pipeline-" + UUID.randomUUID();
        Api.as(TestApiKeys.ADMIN)
                .header("Idempotency-Key", key)
                .body(Api.body(TestReleases.canary().releaseId(null).build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);

        Api.as(TestApiKeys.ADMIN)
                .header("Idempotency-Key", key)
                .body(Api.body(TestReleases.canary()
                        .releaseId(null)
                        .image("ghcr.io/acme/checkout:2.0.0")
                        .build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(422)
                .body("detail", containsString("already used for a different request"));
    }

    @Test
    void aClientChosenReleaseIdMakesRetriesIdempotentAndCannotBeTakenTwice() {
        ReleaseRequested request = TestReleases.canary().build();

        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(request))
                .post("/api/v1/releases")
                .then()
                .statusCode(202)
                .body("releaseId", equalTo(request.releaseId()));
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(request))
                .post("/api/v1/releases")
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", "true");
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(TestReleases.canary()
                        .releaseId(request.releaseId())
                        .image("ghcr.io/acme/checkout:9.9.9")
                        .build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(422);

        recorder.awaitEvents(Topics.RELEASE_REQUESTED, request.releaseId(), 1);
    }

    @Test
    void aSecondReleaseOfAnApplicationWaitsUntilTheFirstHasEnded() {
        String app = "one-at-a-time-" + UUID.randomUUID().toString().substring(0, 8);
        ReleaseRequested first = TestReleases.canary().application(app).build();
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(first))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);

        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(TestReleases.canary().application(app).build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(409)
                .body(
                        "detail",
                        equalTo("release " + first.releaseId() + " of shop/" + app
                                + " is still PENDING: wait until it ends, or abort it first"));
        // Another namespace is another application instance.
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(TestReleases.canary()
                        .application(app)
                        .namespace("payments")
                        .build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);
    }

    @Test
    void listsReleasesFilteredAndPaged() {
        String app = "list-" + UUID.randomUUID().toString().substring(0, 8);
        for (String namespace : List.of("shop", "payments", "search")) {
            Api.as(TestApiKeys.ADMIN)
                    .body(Api.body(TestReleases.canary()
                            .application(app)
                            .namespace(namespace)
                            .build()))
                    .post("/api/v1/releases")
                    .then()
                    .statusCode(202);
        }

        Api.as(TestApiKeys.VIEWER)
                .queryParam("application", app)
                .queryParam("size", 2)
                .get("/api/v1/releases")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.size()", equalTo(2))
                .body("items.application", hasItems(app));
        Api.as(TestApiKeys.VIEWER)
                .queryParam("application", app)
                .queryParam("state", "SUCCEEDED")
                .get("/api/v1/releases")
                .then()
                .body("total", equalTo(0));
        Api.as(TestApiKeys.VIEWER)
                .queryParam("state", "DONE")
                .queryParam("size", 500)
                .get("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("size", "state")));
    }
}
