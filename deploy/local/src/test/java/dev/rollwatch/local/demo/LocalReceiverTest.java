package dev.rollwatch.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalReceiverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = LocalReceiver.start(0, new PrintStream(new ByteArrayOutputStream()));
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void listsAnOpenedIncidentAsUnresolvedWithItsComponentsUntilItIsResolved() throws Exception {
        JsonNode opened = send("POST", "/pages/local-page/incidents", """
                {"incident": {"name": "shop 1.2 rolled back", "status": "investigating",
                  "metadata": {"rollwatch": {"release": "rel-1"}},
                  "component_ids": ["shop-api"], "components": {"shop-api": "partial_outage"}}}""");

        JsonNode unresolved = send("GET", "/pages/local-page/incidents/unresolved", null);
        assertThat(unresolved).hasSize(1);
        assertThat(unresolved.get(0).path("id").asText())
                .isEqualTo(opened.path("id").asText());
        assertThat(unresolved.get(0).at("/metadata/rollwatch/release").asText()).isEqualTo("rel-1");
        assertThat(unresolved.get(0).at("/components/0/id").asText()).isEqualTo("shop-api");
        assertThat(unresolved.get(0).at("/components/0/status").asText()).isEqualTo("partial_outage");

        send(
                "PATCH",
                "/pages/local-page/incidents/" + opened.path("id").asText(),
                "{\"incident\": {\"status\": \"resolved\", \"body\": \"restored\"}}");

        assertThat(send("GET", "/pages/local-page/incidents/unresolved", null)).isEmpty();
        JsonNode recordedOpening = receiver.received().get(0);
        assertThat(recordedOpening.at("/answer/status").asText())
                .as("what was answered then is kept as it was, not rewritten by later updates")
                .isEqualTo("investigating");
    }

    @Test
    void answersAThreadParentWithTheInjectedFaultsInTurnThenAsSlackDoes() throws Exception {
        receiver.injectSlackFaults(java.util.List.of(
                LocalReceiver.SlackFault.status("shop 1.2", 429, "1"),
                LocalReceiver.SlackFault.status("shop 1.2", 500, null)));
        String parent = "{\"channel\": \"#shop\", \"text\": \"shop 1.2: requested\"}";

        HttpResponse<String> limited = post("/chat.postMessage", parent);
        HttpResponse<String> failed = post("/chat.postMessage", parent);
        HttpResponse<String> reply = post(
                "/chat.postMessage", "{\"channel\": \"#shop\", \"thread_ts\": \"1.1\", \"text\": \"shop 1.2: step\"}");
        HttpResponse<String> taken = post("/chat.postMessage", parent);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(reply.statusCode()).as("replies are not faulted").isEqualTo(200);
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(taken.body()).path("ts").asText()).isNotEmpty();
        assertThat(receiver.received())
                .extracting(r -> r.path("status").asInt())
                .containsExactly(429, 500, 200, 200);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(receiver.slackApiUrl() + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.statuspageApiUrl() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
