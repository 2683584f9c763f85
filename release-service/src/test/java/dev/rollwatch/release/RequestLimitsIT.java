package dev.rollwatch.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Topics;
import dev.rollwatch.security.testing.TestApiKeys;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the API refuses at the door, each refusal naming the field: nothing it accepts can be
 * unpublishable, and no bad input is a 500 or a 404 that names nothing.
 */
@QuarkusTest
class RequestLimitsIT {

    private KafkaTestClient kafka;
    private TopicRecorder recorder;

    @BeforeAll
    static void problemsAreJson() {
        RestAssured.registerParser("application/problem+json", Parser.JSON);
    }

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        recorder = kafka.record(Topics.RELEASE_REQUESTED);
    }

    @AfterEach
    void tearDown() {
        recorder.close();
        kafka.close();
    }

    private static String post(ObjectNode body) {
        return body.toString();
    }

    @Test
    void aBodyTooLargeToPublishIsRefusedWith413AndNothingIsPublished() {
        ReleaseRequested request = TestReleases.canary().build();
        ObjectNode body = Api.body(request);
        body.putObject("requestedBy")
                .put("changeUrl", "https://github.com/acme/checkout/pull/" + "9".repeat(1_100_000));

        Api.as(TestApiKeys.ADMIN)
                .body(post(body))
                .post("/api/v1/releases")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("errors.field", contains("body"));

        ReleaseRequested good = TestReleases.canary().build();
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(good))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);
        recorder.awaitEvents(Topics.RELEASE_REQUESTED, good.releaseId(), 1);
        assertThat(recorder.records(Topics.RELEASE_REQUESTED, request.releaseId()))
                .isEmpty();
    }

    @Test
    void anOverLongFieldUnderTheBodyLimitIsRefusedNamingIt() {
        ObjectNode body = Api.body(TestReleases.canary().build());
        body.putObject("trafficRouter")
                .put("type", "istio")
                .putObject("options")
                .put("route", "r".repeat(2000));

        assertRefusedNaming(body, "trafficRouter.options.route");
    }

    @Test
    void aNullNotificationTargetIsA400NamingItNotA500() {
        ObjectNode body = Api.body(TestReleases.canary().build());
        body.putArray("notifications").addNull();

        assertRefusedNaming(body, "notifications[0]");
    }

    @Test
    void aNullCanaryStepIsNamedByItsPosition() {
        ObjectNode body = Api.body(TestReleases.canary().build());
        ((ArrayNode) body.at("/strategy/canary/steps")).insertNull(1);

        assertRefusedNaming(body, "strategy.canary.steps[1]");
    }

    @Test
    void anImageWithAVeryLongDigestIsA400NamingTheImage() {
        ObjectNode body = Api.body(TestReleases.canary().build());
        body.put("image", "registry.example.com/shop/checkout@sha256:" + "a".repeat(600));

        assertRefusedNaming(body, "image");
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() {
        String body = post(Api.body(TestReleases.canary().build()));
        String duplicated = body.replaceFirst("\\{", "{\"namespace\":\"payments\",");

        Api.as(TestApiKeys.ADMIN)
                .body(duplicated)
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors.field", contains("namespace"))
                .body("errors[0].message", containsString("Duplicate"));
    }

    @Test
    void aWeightWrittenAsTextOrAFractionIsRefusedNotRounded() {
        for (String weight : new String[] {"\"10\"", "10.9"}) {
            String body = post(Api.body(TestReleases.canary().build()))
                    .replaceFirst("\"setWeight\":10", "\"setWeight\":" + weight);

            Api.as(TestApiKeys.ADMIN)
                    .body(body)
                    .post("/api/v1/releases")
                    .then()
                    .statusCode(400)
                    .body("errors.field", contains("strategy.canary.steps[0].setWeight"));
        }
    }

    @Test
    void aNumberOutOfRangeIsNamed() {
        String body = post(Api.body(TestReleases.canary().build()))
                .replaceFirst("\"setWeight\":10", "\"setWeight\":99999999999");

        Api.as(TestApiKeys.ADMIN)
                .body(body)
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors.field", contains("strategy.canary.steps[0].setWeight"));
    }

    @Test
    void everyQueryParameterThatIsNotANumberOrOutOfRangeIsA400NamingIt() {
        Api.as(TestApiKeys.VIEWER)
                .queryParam("page", "abc")
                .get("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors.field", contains("page"));
        Api.as(TestApiKeys.VIEWER)
                .queryParam("page", "21474837")
                .get("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors.field", contains("page"));
        Api.as(TestApiKeys.VIEWER)
                .queryParam("size", "1e3")
                .queryParam("application", "Not A Name")
                .get("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors.field", contains("application", "size"));
        Api.as(TestApiKeys.VIEWER)
                .queryParam("application", "checkout")
                .queryParam("days", "abc")
                .get("/api/v1/metrics/dora")
                .then()
                .statusCode(400)
                .body("errors.field", contains("days"));
    }

    @Test
    void aBodyThatIsNotAnObjectNamesTheBody() {
        Api.as(TestApiKeys.ADMIN)
                .body("[1, 2]")
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors.field", contains("body"));
        Api.as(TestApiKeys.ADMIN)
                .body("{\"application\": \"checkout\"} trailing")
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("body")));
    }

    /** The request is refused with 400 naming exactly {@code fields}, in order. */
    private static void assertRefusedNaming(ObjectNode body, String... fields) {
        Api.as(TestApiKeys.ADMIN)
                .body(post(body))
                .post("/api/v1/releases")
                .then()
                .statusCode(400)
                .body("errors.field", contains(fields));
    }
}
