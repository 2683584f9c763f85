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
 * @param window     the window's traffic as counts, or null when the source gives none
 * @param fresh      the traffic since the previous evaluation's window ended, counted by no earlier
 *                   evaluation; null when the source only knows whole windows (the judge then
 *                   pro-rates the window)
 * @param coverage   which share of the track's endpoints answered (1 when the source does not
 *                   measure per endpoint)
 */
public record TrackMeasurement(
        String track,
        double requests,
        double errorRate,
        double p95Ms,
        double p99Ms,
        Map<Metric, String> queries,
        String error,
        Traffic window,
        Traffic fresh,
        Coverage coverage) {

    public static final String CANARY = "canary";
    public static final String STABLE = "stable";

    public TrackMeasurement {
        queries = Map.copyOf(queries);
        coverage = coverage == null ? Coverage.WHOLE : coverage;
    }

    /**
     * How much of a track was measured: a measurement of some of the new version's pods describes
     * only those, and the ones that did not answer may be the failing ones.
     *
     * @param answered endpoints that answered
     * @param total    endpoints asked
     */
    public record Coverage(int answered, int total) {
        public static final Coverage WHOLE = new Coverage(1, 1);

        public double share() {
            return total == 0 ? 0 : (double) answered / total;
        }
    }

    /** A track measured from its counts. */
    public static TrackMeasurement of(
            String track, Traffic window, Traffic fresh, Map<Metric, String> queries, Coverage coverage) {
        return new TrackMeasurement(
                track,
                window.requests(),
                window.errorRate(),
                window.quantileMs(0.95),
                window.quantileMs(0.99),
                queries,
                null,
                window,
                fresh,
                coverage);
    }

    public static TrackMeasurement failed(String track, Map<Metric, String> queries, String error) {
        return new TrackMeasurement(
                track, Double.NaN, Double.NaN, Double.NaN, Double.NaN, queries, error, null, null, null);
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
            case LATENCY_BUCKETS -> window == null ? Double.NaN : window.latencyObservations();
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
