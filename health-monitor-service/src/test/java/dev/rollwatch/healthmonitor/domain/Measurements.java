package dev.rollwatch.healthmonitor.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Builds policies, traffic and measurements for the domain tests. */
final class Measurements {

    static final Instant END = Instant.parse("2026-11-20T14:03:41Z");
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Map<Metric, String> QUERIES = Map.of(
            Metric.REQUEST_RATE, "sum(rate(http_server_requests_seconds_count[1m]))",
            Metric.ERROR_RATE, "error-rate-query",
            Metric.LATENCY_P95, "p95-query",
            Metric.LATENCY_P99, "p99-query");
    /** Bucket bounds in milliseconds: every 25 ms up to a second, as fine as a percentile histogram's. */
    private static final double[] BOUNDS = java.util.stream.DoubleStream.concat(
                    java.util.stream.DoubleStream.iterate(25, b -> b <= 1000, b -> b + 25),
                    java.util.stream.DoubleStream.of(2500, 5000))
            .toArray();

    private Measurements() {}

    static SloPolicy policy() {
        return new SloPolicy(0.05, 2000, null, null, 50, Duration.ofSeconds(10), WINDOW, 3, 0.01, 50);
    }

    /** One evaluation a second over a 10 s window: the setup. */
    static SloPolicy perSecond(double maxErrorRate, double maxP95Ms, Double maxRegressionRatio) {
        return new SloPolicy(
                maxErrorRate,
                maxP95Ms,
                null,
                maxRegressionRatio,
                50,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                1,
                0.01,
                50);
    }

    /**
     * Requests of which {@code errors} failed; all answered in about 80 ms except {@code slow} of them,
     * which took {@code slowMs}.
     */
    static Traffic traffic(double requests, double errors, double slow, double slowMs) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (double bound : BOUNDS) {
            double count = (bound >= 80 ? requests - slow : 0) + (bound >= slowMs ? slow : 0);
            buckets.put(bound, count);
        }
        buckets.put(Double.POSITIVE_INFINITY, requests);
        return new Traffic(requests, errors, buckets);
    }

    static Traffic traffic(double requests, double errors) {
        return traffic(requests, errors, 0, 0);
    }

    static TrackMeasurement canary(Traffic window, Traffic fresh) {
        return TrackMeasurement.of(TrackMeasurement.CANARY, window, fresh, QUERIES, null);
    }

    static TrackMeasurement stable(Traffic window, Traffic fresh) {
        return TrackMeasurement.of(TrackMeasurement.STABLE, window, fresh, QUERIES, null);
    }

    static Measurement of(TrackMeasurement canary, TrackMeasurement stable) {
        return new Measurement(END.minus(WINDOW), END, WINDOW, canary, stable);
    }
}
