package dev.rollwatch.healthmonitor.domain;

import java.util.Map;

/**
 * What a source measured of one track (the new version or the stable one) over a window. A value
 * that could not be measured is NaN; a track that could not be measured at all carries the error,
 * because failures are data, not exceptions.
 *
 * @param track      canary or stable
 * @param requests   requests in the window (NaN when unknown)
 * @param errorRate  failed share of them, 0..1
 * @param p95Ms      95th percentile latency in milliseconds
 * @param p99Ms      99th percentile latency in milliseconds
 * @param queries    what was asked of the source for each metric (PromQL, or the scraped endpoints)
 * @param error      why the track could not be measured, or null
 */
public record TrackMeasurement(String track, double requests, double errorRate, double p95Ms, double p99Ms,
        Map<Metric, String> queries, String error) {

    public static final String CANARY = "canary";
    public static final String STABLE = "stable";

    public TrackMeasurement {
        queries = Map.copyOf(queries);
    }

    public static TrackMeasurement failed(String track, Map<Metric, String> queries, String error) {
        return new TrackMeasurement(track, Double.NaN, Double.NaN, Double.NaN, Double.NaN, queries, error);
    }

    public boolean failed() {
        return error != null;
    }

    public double value(Metric metric) {
        return switch (metric) {
            case REQUEST_RATE -> requests;
            case ERROR_RATE -> errorRate;
            case LATENCY_P95 -> p95Ms;
            case LATENCY_P99 -> p99Ms;
        };
    }

    public String query(Metric metric) {
        return queries.getOrDefault(metric, queries.getOrDefault(Metric.REQUEST_RATE, track));
    }

    /** Requests as a whole number (evidence counts samples). */
    public long requestCount() {
        return Double.isFinite(requests) ? Math.round(requests) : 0;
    }
}
