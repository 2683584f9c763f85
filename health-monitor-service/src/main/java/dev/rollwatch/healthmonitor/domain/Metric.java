package dev.rollwatch.healthmonitor.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The measurements a metric source takes of each track. The keys are the names a release uses to
 * override a Prometheus query ({@code slo.metricSource.queries}) and the {@code metric} of evidence.
 */
public enum Metric {
    /** Requests per second over the window. */
    REQUEST_RATE("requestRate"),
    /** Share of failed requests over the window, 0..1. */
    ERROR_RATE("errorRate"),
    /** 95th percentile latency over the window. */
    LATENCY_P95("latencyP95"),
    /** 99th percentile latency over the window. */
    LATENCY_P99("latencyP99"),
    /**
     * Requests by latency bucket over the window: the counts behind the quantiles, which the judge
     * needs to know how sure a latency verdict is. One series per {@code le}, cumulative.
     */
    LATENCY_BUCKETS("latencyBuckets");

    private final String key;

    Metric(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<Metric> fromKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }
}
