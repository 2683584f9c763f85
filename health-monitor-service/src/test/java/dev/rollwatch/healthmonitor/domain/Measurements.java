package dev.rollwatch.healthmonitor.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Builds measurements for the domain tests. */
final class Measurements {

    static final Instant END = Instant.parse("2026-11-20T14:03:41Z");
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Map<Metric, String> QUERIES = Map.of(
            Metric.REQUEST_RATE, "sum(rate(http_server_requests_seconds_count[1m]))",
            Metric.ERROR_RATE, "error-rate-query",
            Metric.LATENCY_P95, "p95-query",
            Metric.LATENCY_P99, "p99-query");

    private Measurements() {
    }

    static SloPolicy policy() {
        return new SloPolicy(0.05, 2000, null, null, 50, Duration.ofSeconds(10), WINDOW, 3, 0.01, 50);
    }

    static TrackMeasurement canary(double requests, double errorRate, double p95Ms, double p99Ms) {
        return new TrackMeasurement(TrackMeasurement.CANARY, requests, errorRate, p95Ms, p99Ms, QUERIES, null);
    }

    static TrackMeasurement stable(double requests, double errorRate, double p95Ms, double p99Ms) {
        return new TrackMeasurement(TrackMeasurement.STABLE, requests, errorRate, p95Ms, p99Ms, QUERIES, null);
    }

    static Measurement of(TrackMeasurement canary, TrackMeasurement stable) {
        return new Measurement(END.minus(WINDOW), END, WINDOW, canary, stable);
    }

    static Measurement at(Instant end, TrackMeasurement canary) {
        return new Measurement(end.minus(WINDOW), end, WINDOW, canary, null);
    }
}
