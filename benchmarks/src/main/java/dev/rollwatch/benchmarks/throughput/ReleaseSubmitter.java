package dev.rollwatch.benchmarks.throughput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Submits one release per application through the release API, as CI would, from {@code concurrency}
 * clients at once, and notes when each request went out and when its answer came back.
 */
final class ReleaseSubmitter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiUrl;
    private final String apiKey;
    private final String metricsUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param metricsUrl a live metrics page every release's canary and stable endpoints point at, so
     *                   each evaluation parses a real histogram with traffic in it
     */
    ReleaseSubmitter(String apiUrl, String apiKey, String metricsUrl) {
        this.apiUrl = apiUrl;
        this.apiKey = apiKey;
        this.metricsUrl = metricsUrl;
    }

    List<Submission> submit(List<String> applications, int concurrency) throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Submission>> pending = new ArrayList<>();
            for (String application : applications) {
                pending.add(clients.submit(() -> submit(application)));
            }
            List<Submission> done = new ArrayList<>();
            for (Future<Submission> f : pending) {
                done.add(f.get());
            }
            return done;
        } catch (ExecutionException e) {
            throw new IllegalStateException("A submission failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            clients.shutdown();
        }
    }

    private Submission submit(String application) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/releases"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body(application).toString()))
                .build();
        Instant sent = Instant.now();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Instant answered = Instant.now();
            if (response.statusCode() == 202) {
                return new Submission(
                        application,
                        sent,
                        answered,
                        202,
                        JSON.readTree(response.body()).path("releaseId").asText(null),
                        null);
            }
            return new Submission(application, sent, answered, response.statusCode(), null, response.body());
        } catch (IOException e) {
            return new Submission(application, sent, Instant.now(), 0, null, e.toString());
        }
    }

    /**
     * A canary that takes 10% and then holds (a one-hour pause), so every release stays in flight and
     * watched while the health monitor is measured; evaluated every 10 s over a 1-minute window.
     */
    ObjectNode body(String application) {
        ObjectNode body = JSON.createObjectNode()
                .put("application", application)
                .put("namespace", BenchApplications.NAMESPACE)
                .put("image", "bench.local/" + application + ":1.1");
        ObjectNode strategy = body.putObject("strategy").put("type", "canary").put("stepDeadline", "10m");
        ArrayNode steps = strategy.putObject("canary").putArray("steps");
        steps.addObject().put("setWeight", 10);
        steps.addObject().putObject("pause").put("duration", "1h");
        steps.addObject().put("setWeight", 100);
        body.putObject("trafficRouter").put("type", "replicaRatio");
        ObjectNode slo = body.putObject("slo")
                .put("maxErrorRate", 0.05)
                .put("maxP95LatencyMs", 2000)
                .put("minRequestsPerWindow", 10)
                .put("interval", "10s")
                .put("window", "1m")
                .put("consecutiveFailures", 3);
        ObjectNode source = slo.putObject("metricSource").put("type", "scrape");
        source.putArray("canaryEndpoints").add(metricsUrl);
        source.putArray("stableEndpoints").add(metricsUrl);
        body.putObject("requestedBy").put("pipeline", "rollwatch-benchmark");
        return body;
    }
}
