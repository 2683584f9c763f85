package dev.rollwatch.healthmonitor.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.security.testing.TestApiKeys;
import dev.rollwatch.testing.KafkaTestClient;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;

/** Plays the release-service and the executor for a watch, and reads what the monitor made of it. */
public final class Watching {

    private Watching() {}

    public static Slo.MetricSource prometheus(String address) {
        return new Slo.MetricSource(Slo.MetricSource.Type.PROMETHEUS, address, null, null, null);
    }

    public static Slo.MetricSource scrape(List<String> canary, List<String> stable) {
        return new Slo.MetricSource(Slo.MetricSource.Type.SCRAPE, null, null, canary, stable);
    }

    public static ReleaseRequested release(String application, Slo slo) {
        return ReleaseRequestBuilder.canary().application(application).slo(slo).build();
    }

    /** The release is requested and its canary takes {@code weight}% of traffic. */
    public static void start(KafkaTestClient kafka, ReleaseRequested release, int weight) {
        kafka.send(event("release-service", release));
        kafka.send(event("executor-service", EventFixtures.weightSet(release.releaseId(), 0, 4, weight)));
    }

    /** The release completes, which ends its watch. */
    public static void promote(KafkaTestClient kafka, String releaseId) {
        kafka.send(event("executor-service", EventFixtures.promoted(releaseId, 4)));
    }

    public static <T extends dev.rollwatch.events.ReleaseEvent> CloudEvent<T> event(String source, T data) {
        return EventFixtures.event(source, data);
    }

    /** The watch API as a dashboard calls it: with a viewer key for every namespace. */
    public static RequestSpecification api() {
        return given().auth().oauth2(TestApiKeys.VIEWER);
    }

    public static JsonPath watch(String releaseId) {
        return api().queryParam("verdicts", 200)
                .get("/api/v1/watches/" + releaseId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The verdicts so far, newest first. */
    public static List<String> verdicts(String releaseId) {
        return api().queryParam("verdicts", 200)
                .get("/api/v1/watches/" + releaseId)
                .then()
                .extract()
                .jsonPath()
                .getList("verdicts.verdict", String.class);
    }

    public static long count(String releaseId, String verdict) {
        List<String> verdicts = verdicts(releaseId);
        return verdicts == null ? 0 : verdicts.stream().filter(verdict::equals).count();
    }

    /** Waits until the watch has judged at least {@code n} windows {@code verdict}. */
    public static void awaitVerdicts(String releaseId, String verdict, int n, Duration atMost) {
        await(n + " " + verdict + " windows for " + releaseId)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> count(releaseId, verdict) >= n);
    }

    public static void awaitState(String releaseId, String state) {
        await("watch " + releaseId + " " + state)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> state.equals(watch(releaseId).getString("state")));
    }
}
