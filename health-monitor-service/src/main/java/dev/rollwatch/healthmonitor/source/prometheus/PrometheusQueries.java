package dev.rollwatch.healthmonitor.source.prometheus;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Instant queries with a deadline: an evaluation must finish well within its interval, so a slow
 * Prometheus yields an UNKNOWN window rather than a pile-up. One quick retry covers a dropped
 * connection; a timeout or a refused query is not retried. Tune with the MicroProfile keys
 * {@code dev.rollwatch.healthmonitor.source.prometheus.PrometheusQueries/query/Timeout/value}.
 */
@ApplicationScoped
public class PrometheusQueries {

    private final PrometheusApi api;

    PrometheusQueries(PrometheusApi api) {
        this.api = api;
    }

    @Timeout(2000)
    @Retry(
            maxRetries = 1,
            delay = 100,
            jitter = 0,
            abortOn = {TimeoutException.class, PrometheusQueryRejected.class})
    public Uni<PrometheusResponse> query(String address, String promql, Instant at) {
        return api.query(address, promql, time(at))
                .onFailure(PrometheusHttpException.class)
                .transform(e -> ((PrometheusHttpException) e).queryRejected()
                        ? new PrometheusQueryRejected(e.getMessage())
                        : e);
    }

    /** Evaluation time as Prometheus takes it: Unix seconds with milliseconds. */
    static String time(Instant at) {
        Instant ms = at.truncatedTo(ChronoUnit.MILLIS);
        return String.format(Locale.ROOT, "%d.%03d", ms.getEpochSecond(), ms.getNano() / 1_000_000);
    }

    /** Prometheus refused the query (bad PromQL): the release's query needs fixing. */
    public static class PrometheusQueryRejected extends RuntimeException {
        PrometheusQueryRejected(String message) {
            super(message);
        }
    }
}
