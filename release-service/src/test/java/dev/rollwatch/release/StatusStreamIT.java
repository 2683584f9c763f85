package dev.rollwatch.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.ReleaseStatus;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stream + "?application=streamed"))
                .header("Authorization", "Bearer " + TestApiKeys.VIEWER)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> readEvents(response, seen), "sse-reader");
        reader.setDaemon(true);
        reader.start();

        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder statusTopic = kafka.record(Topics.RELEASE_STATUS)) {
            Api.as(TestApiKeys.ADMIN).body(Api.body(request)).post("/api/v1/releases").then().statusCode(202);
            kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(request.releaseId(), 0, 4, 10)));

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> seen.stream().anyMatch(
                    s -> s.releaseId().equals(request.releaseId()) && s.state() == ReleaseState.PROGRESSING));
            assertThat(seen).filteredOn(s -> s.releaseId().equals(request.releaseId()))
                    .extracting(ReleaseStatus::state).containsExactly(ReleaseState.PENDING, ReleaseState.PROGRESSING);
            ReleaseStatus last = (ReleaseStatus) statusTopic.awaitEvents(Topics.RELEASE_STATUS, request.releaseId(), 2)
                    .get(1).data();
            assertThat(last.state()).isEqualTo(ReleaseState.PROGRESSING);
            assertThat(last.canaryWeight()).isEqualTo(10);
            assertThat(last.lastEvent()).isEqualTo("dev.rollwatch.step.completed.v1");
        } finally {
            response.body().close();
        }
    }

    private static void readEvents(HttpResponse<java.io.InputStream> response, List<ReleaseStatus> seen) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
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
