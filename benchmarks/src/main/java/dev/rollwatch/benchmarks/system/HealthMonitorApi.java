package dev.rollwatch.benchmarks.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The health monitor's read-only API and its Micrometer page, as an operator and Prometheus would read
 * them: the API with a key holding the viewer role for the benchmark's namespace, the metrics on the
 * management port without one.
 */
public final class HealthMonitorApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;
    private final String managementUrl;
    private final String apiKey;

    /**
     * @param baseUrl       the API's base URL
     * @param managementUrl the management interface's base URL (where {@code /q/metrics} is)
     */
    public HealthMonitorApi(String baseUrl, String managementUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.managementUrl = managementUrl;
        this.apiKey = apiKey;
    }

    /** {@code GET /api/v1/watches/{id}?verdicts=n}; empty while the monitor has no watch for it. */
    public Optional<JsonNode> watch(String releaseId, int verdicts) {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/watches/" + releaseId + "?verdicts=" + verdicts))
                        .header("Authorization", "Bearer " + apiKey));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET watch " + releaseId + " answered " + response.statusCode());
        }
        try {
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable watch " + releaseId, e);
        }
    }

    /** The Prometheus text page at {@code /q/metrics} of the management port. */
    public String metrics() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(managementUrl + "/q/metrics")));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /q/metrics answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + built.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
