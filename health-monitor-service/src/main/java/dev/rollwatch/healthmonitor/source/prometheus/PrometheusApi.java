package dev.rollwatch.healthmonitor.source.prometheus;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollwatch.healthmonitor.config.HealthConfig;
import dev.rollwatch.healthmonitor.source.BoundedHttp;
import dev.rollwatch.healthmonitor.source.Urls;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Prometheus HTTP API's instant query ({@code /api/v1/query}), read with a size cap
 * ({@code rollwatch.health.prometheus.max-body-size}) and decoded on a worker thread: a series-heavy
 * answer neither fills the heap nor holds the event loop every watch shares.
 */
@ApplicationScoped
public class PrometheusApi {

    private static final Duration IDLE = Duration.ofSeconds(5);

    private final BoundedHttp http;
    private final ObjectMapper json;
    private final long maxBytes;

    PrometheusApi(BoundedHttp http, ObjectMapper json, HealthConfig config) {
        this.http = http;
        this.json = json;
        this.maxBytes = config.prometheus().maxBodySize().asLongValue();
    }

    /**
     * The answer; fails with {@link PrometheusHttpException} (status only) for a non-2xx answer and
     * {@link UnreadableAnswerException} for one that is not a Prometheus answer.
     */
    public Uni<PrometheusResponse> query(String address, String query, String time) {
        String url = Urls.base(address) + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&time=" + URLEncoder.encode(time, StandardCharsets.UTF_8);
        return http.get(url, "application/json", maxBytes, IDLE)
                .onFailure(BoundedHttp.HttpStatusException.class)
                .transform(e -> new PrometheusHttpException(((BoundedHttp.HttpStatusException) e).status()))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(body -> {
                    try {
                        return json.readValue(body.getBytes(), PrometheusResponse.class);
                    } catch (IOException e) {
                        // Jackson quotes the offending input in its message: keep none of it.
                        throw new UnreadableAnswerException();
                    }
                });
    }

    /** The address answered 2xx with something that is not a Prometheus API answer. */
    public static class UnreadableAnswerException extends RuntimeException {
        UnreadableAnswerException() {
            super("answered with something that is not a Prometheus API answer", null, false, false);
        }
    }
}
