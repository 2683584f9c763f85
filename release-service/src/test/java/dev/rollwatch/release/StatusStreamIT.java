package dev.rollwatch.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.ReleaseStatus;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.security.testing.TestApiKeys;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Dashboards follow releases through the SSE stream and the compacted release.status topic. */
@QuarkusTest
class StatusStreamIT {

    @TestHTTPResource("/api/v1/releases/stream")
    URI stream;

    @Test
    void aStateChangeDrivenByAnotherServiceReachesTheStreamAndTheStatusTopic() throws Exception {
        ReleaseRequested request = TestReleases.canary().application("streamed").build();
        List<ReleaseStatus> seen = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> response = follow("streamed", seen);

        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder statusTopic = kafka.record(Topics.RELEASE_STATUS)) {
            awaitFeedJoined(kafka, "streamed", seen);
            Api.as(TestApiKeys.ADMIN)
                    .body(Api.body(request))
                    .post("/api/v1/releases")
                    .then()
                    .statusCode(202);
            kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(request.releaseId(), 0, 4, 10)));

            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> seen.stream()
                            .anyMatch(s -> s.releaseId().equals(request.releaseId())
                                    && s.state() == ReleaseState.PROGRESSING));
            assertThat(seen)
                    .filteredOn(s -> s.releaseId().equals(request.releaseId()))
                    .extracting(ReleaseStatus::state)
                    .containsExactly(ReleaseState.PENDING, ReleaseState.PROGRESSING);
            ReleaseStatus last = (ReleaseStatus) statusTopic
                    .awaitEvents(Topics.RELEASE_STATUS, request.releaseId(), 2)
                    .get(1)
                    .data();
            assertThat(last.state()).isEqualTo(ReleaseState.PROGRESSING);
            assertThat(last.canaryWeight()).isEqualTo(10);
            assertThat(last.lastEvent()).isEqualTo("dev.rollwatch.step.completed.v1");
        } finally {
            response.body().close();
        }
    }

    @Test
    void aBurstOfStatusChangesReachesADashboardWithoutCuttingItsStream() throws Exception {
        List<ReleaseStatus> seen = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> response = follow("busy", seen);
        // Many releases moving at once: far more changes than a client reads while it writes one.
        List<CloudEvent<ReleaseStatus>> burst = IntStream.range(0, 500)
                .mapToObj(i -> EventFixtures.event("release-service", statusOf("busy", "burst-" + i)))
                .toList();

        try (KafkaTestClient kafka = new KafkaTestClient()) {
            awaitFeedJoined(kafka, "busy", seen);
            kafka.sendAll(burst);

            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> burstOf(seen).size() >= burst.size());
            assertThat(burstOf(seen))
                    .extracting(ReleaseStatus::releaseId)
                    .containsExactlyInAnyOrderElementsOf(
                            burst.stream().map(CloudEvent::subject).toList());
        } finally {
            response.body().close();
        }
    }

    @Test
    void aKeySeesOnlyTheStatusesOfItsNamespaces() throws Exception {
        String application = "split-" + UUID.randomUUID().toString().substring(0, 8);
        List<ReleaseStatus> shop = new CopyOnWriteArrayList<>();
        List<ReleaseStatus> everything = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> shopStream = follow(application, TestApiKeys.VIEWER_SHOP, shop);
        HttpResponse<InputStream> witness = follow(application, TestApiKeys.VIEWER, everything);

        try (KafkaTestClient kafka = new KafkaTestClient()) {
            awaitFeedJoined(kafka, application, everything);
            kafka.send(EventFixtures.event(
                    "release-service",
                    statusOf(application, TestApiKeys.ANOTHER_NAMESPACE, application + "-payments")));
            kafka.send(EventFixtures.event(
                    "release-service", statusOf(application, TestApiKeys.THE_NAMESPACE, application + "-shop")));

            // The witness, following every namespace, shows both were sent to the stream's clients.
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> everything.stream()
                            .map(ReleaseStatus::releaseId)
                            .toList()
                            .containsAll(List.of(application + "-payments", application + "-shop")));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> shop.stream().anyMatch(s -> s.releaseId().equals(application + "-shop")));
            assertThat(shop).extracting(ReleaseStatus::namespace).containsOnly(TestApiKeys.THE_NAMESPACE);
        } finally {
            shopStream.body().close();
            witness.body().close();
        }
    }

    private static List<ReleaseStatus> burstOf(List<ReleaseStatus> seen) {
        return seen.stream().filter(s -> s.releaseId().startsWith("burst-")).toList();
    }

    /**
     * The feed reads from the latest offset once its consumer has joined; until then changes pass it
     * by. Probes until one arrives, so what the test publishes next is sure to be read.
     */
    private static void awaitFeedJoined(KafkaTestClient kafka, String application, List<ReleaseStatus> seen) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    kafka.send(EventFixtures.event("release-service", statusOf(application, "probe-" + application)));
                    return seen.stream().anyMatch(s -> s.releaseId().startsWith("probe-"));
                });
    }

    private static ReleaseStatus statusOf(String application, String releaseId) {
        return statusOf(
                application,
                EventFixtures.status(releaseId, ReleaseState.PROGRESSING).namespace(),
                releaseId);
    }

    private static ReleaseStatus statusOf(String application, String namespace, String releaseId) {
        ReleaseStatus status = EventFixtures.status(releaseId, ReleaseState.PROGRESSING);
        return new ReleaseStatus(
                releaseId,
                application,
                namespace,
                status.image(),
                status.version(),
                status.strategy(),
                status.state(),
                status.currentStep(),
                status.stepCount(),
                status.canaryWeight(),
                status.reason(),
                status.requestedAt(),
                status.updatedAt(),
                status.lastEvent(),
                status.watched(),
                status.unwatchedReason());
    }

    /** Connects to the stream as a dashboard following one application and collects what it is sent. */
    private HttpResponse<InputStream> follow(String application, List<ReleaseStatus> seen) throws Exception {
        return follow(application, TestApiKeys.VIEWER, seen);
    }

    /** The same, as the dashboard holding {@code key}. */
    private HttpResponse<InputStream> follow(String application, String key, List<ReleaseStatus> seen)
            throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(stream + "?application=" + application))
                                .header("Authorization", "Bearer " + key)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> readEvents(response, seen), "sse-reader-" + application);
        reader.setDaemon(true);
        reader.start();
        return response;
    }

    private static void readEvents(HttpResponse<InputStream> response, List<ReleaseStatus> seen) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    seen.add(EventJson.mapper().readValue(line.substring(5).trim(), ReleaseStatus.class));
                }
            }
        } catch (java.io.IOException e) {
            // The test closed the stream.
        }
    }
}
