package dev.rollwatch.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/** The release API, called the way CI calls it. */
public final class ReleaseApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "ROLLED_BACK", "FAILED", "ABORTED");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;

    public ReleaseApiClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** Requests a release; returns its id. */
    public String request(JsonNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/releases"))
                        .header("Authorization", "Bearer " + apiKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException(
                    "release request refused (" + response.statusCode() + "): " + response.body());
        }
        return JSON.readTree(response.body()).path("releaseId").asText();
    }

    public JsonNode release(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/releases/" + id))
                        .header("Authorization", "Bearer " + apiKey)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET release " + id + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    public void command(String id, String command) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/releases/" + id + "/" + command))
                        .header("Authorization", "Bearer " + apiKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"local demo\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException(command + " refused (" + response.statusCode() + "): " + response.body());
        }
    }

    /** Waits for the release to end and returns its detail. */
    public JsonNode awaitOutcome(String id, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode detail = release(id);
            if (TERMINAL.contains(detail.at("/release/state").asText())) {
                return detail;
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        throw new IllegalStateException("release " + id + " did not end within " + timeout.toSeconds() + "s");
    }
}
