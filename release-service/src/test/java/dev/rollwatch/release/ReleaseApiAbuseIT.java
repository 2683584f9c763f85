package dev.rollwatch.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Topics;
import dev.rollwatch.release.fuzz.RequestMutator;
import dev.rollwatch.security.testing.TestApiKeys;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.LogConfig;
import io.restassured.parsing.Parser;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Generated abuse of the running API (real Kafka and PostgreSQL): mostly-valid release requests with
 * wrong types, nulls, huge strings, numbers out of range, unknown and duplicate fields and deep
 * nesting, and commands with odd ids, names and bodies. Never a 5xx, every 400 names a field, and a
 * refused request leaves no release and publishes nothing. Seeded: a failure prints the case's seed,
 * and {@code -Drollwatch.fuzz.seed} replays it.
 */
@QuarkusTest
class ReleaseApiAbuseIT {

    private static final long SEED = Long.getLong("rollwatch.fuzz.seed", 7_2026_12_07L);
    private static final int REQUESTS = Integer.getInteger("rollwatch.fuzz.requests", 250);
    private static final int COMMANDS = Integer.getInteger("rollwatch.fuzz.commands", 120);

    private KafkaTestClient kafka;
    private TopicRecorder recorder;

    @BeforeAll
    static void problemsAreJson() {
        RestAssured.registerParser("application/problem+json", Parser.JSON);
    }

    /**
     * A generated request sent without Quarkus' log-on-failure: that filter pretty-prints every request
     * body in advance, and thousands of nesting levels pretty-printed fill the test's heap.
     */
    private static RequestSpecification quietly(String key) {
        return Api.as(key).config(RestAssured.config().logConfig(LogConfig.logConfig()));
    }

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        recorder = kafka.record(Topics.RELEASE_REQUESTED, Topics.RELEASE_COMMANDS);
    }

    @AfterEach
    void tearDown() {
        recorder.close();
        kafka.close();
    }

    @Test
    void generatedRequestsNeverFailTheServerAndRefusedOnesPublishNothing() {
        List<RequestMutator.Case> refused = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < REQUESTS; i++) {
            RequestMutator.Case generated = new RequestMutator(SEED + i).next();
            String key = i % 5 == 0 ? TestApiKeys.CI_SHOP : TestApiKeys.ADMIN;
            Response response = quietly(key).body(generated.json()).post("/api/v1/releases");
            int status = response.statusCode();
            assertThat(status)
                    .as("status of %s: %s", generated, response.asString())
                    .isLessThan(500);
            if (status == 202) {
                accepted++;
                continue;
            }
            assertNamesAField(response, generated.toString());
            refused.add(generated);
        }
        assertThat(accepted).as("accepted requests").isPositive();

        // The outbox publishes in commit order: once this one is out, every earlier one is too.
        ReleaseRequested sentinel = TestReleases.canary().build();
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(sentinel))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);
        recorder.awaitEvents(Topics.RELEASE_REQUESTED, sentinel.releaseId(), 1);
        for (RequestMutator.Case generated : refused) {
            Response releases = Api.as(TestApiKeys.ADMIN)
                    .queryParam("application", generated.application())
                    .get("/api/v1/releases");
            assertThat(releases.statusCode()).as("listing %s", generated).isEqualTo(200);
            assertThat(releases.jsonPath().getInt("total"))
                    .as("releases registered for refused %s", generated)
                    .isZero();
            if (generated.releaseId() != null) {
                assertThat(recorder.records(Topics.RELEASE_REQUESTED, generated.releaseId()))
                        .as("published for refused %s", generated)
                        .isEmpty();
            }
        }
    }

    @Test
    void generatedCommandsNeverFailTheServerAndRefusedOnesPublishNothing() {
        ReleaseRequested target = TestReleases.canary().build();
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(target))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);
        ReleaseRequested elsewhere = TestReleases.canary().namespace("payments").build();
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(elsewhere))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);

        Random random = new Random(SEED);
        List<String> ids =
                List.of(target.releaseId(), elsewhere.releaseId(), "no-such-release", "a".repeat(300), "%00");
        List<String> commands = List.of("pause", "resume", "promote", "abort", "ABORT", "explode", "p%C3%A4use");
        List<String> keys = List.of(TestApiKeys.OPERATOR, TestApiKeys.OPERATOR_SHOP, TestApiKeys.VIEWER);
        java.util.Map<String, Integer> accepted = new java.util.HashMap<>();
        for (int i = 0; i < COMMANDS; i++) {
            RequestMutator mutator = new RequestMutator(SEED + i);
            String id = ids.get(random.nextInt(ids.size()));
            String command = commands.get(random.nextInt(commands.size()));
            String key = keys.get(random.nextInt(keys.size()));
            String body = mutator.nextCommandBody();
            String what = key + " " + command + " " + id + " " + (body.length() > 60 ? body.substring(0, 60) : body);
            Response response =
                    quietly(key).urlEncodingEnabled(false).body(body).post("/api/v1/releases/" + id + "/" + command);
            int status = response.statusCode();
            assertThat(status)
                    .as("status of %s: %s", what, abbreviate(response.asString()))
                    .isLessThan(500);
            if (status == 202) {
                assertThat(List.of(target.releaseId(), elsewhere.releaseId()))
                        .as("a command accepted for %s", what)
                        .contains(id);
                assertThat(key.equals(TestApiKeys.OPERATOR) || id.equals(target.releaseId()))
                        .as("the key may steer the release of %s", what)
                        .isTrue();
                accepted.merge(id, 1, Integer::sum);
            } else if (status == 400) {
                assertNamesAField(response, what);
            }
        }

        // Published in commit order: once a last command is out, every accepted one before it is too.
        for (String id : List.of(target.releaseId(), elsewhere.releaseId())) {
            Api.as(TestApiKeys.OPERATOR)
                    .post("/api/v1/releases/" + id + "/pause")
                    .then()
                    .statusCode(202);
            int expected = accepted.getOrDefault(id, 0) + 1;
            recorder.awaitEvents(Topics.RELEASE_COMMANDS, id, expected);
            assertThat(recorder.records(Topics.RELEASE_COMMANDS, id))
                    .as("commands published for %s", id)
                    .hasSize(expected);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    private static void assertNamesAField(Response response, String what) {
        if (response.statusCode() != 400) {
            return;
        }
        List<String> fields = response.jsonPath().getList("errors.field", String.class);
        assertThat(fields)
                .as("fields named for %s: %s", what, response.asString())
                .isNotEmpty();
        assertThat(fields)
                .as("fields named for %s", what)
                .allSatisfy(field -> assertThat(field).isNotBlank());
    }
}
