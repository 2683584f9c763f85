package dev.rollwatch.healthmonitor.domain;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What one version served over a span, as counts: the raw material of every statistic the judge
 * computes. Counts, not rates, because a rate hides how much evidence stands behind it: 1 failure in
 * 20 requests and 500 in 10,000 are both 5%.
 *
 * <p>Counts may be fractional: a source that only reports overlapping windows (Prometheus) has its
 * windows pro-rated into increments ({@link #scaled}).
 *
 * @param requests         requests served
 * @param errors           requests that failed
 * @param latencyBucketsMs cumulative latency histogram, request counts by upper bound in
 *                         milliseconds, ending with +Inf; empty when the source has no histogram
 */
public record Traffic(double requests, double errors, NavigableMap<Double, Double> latencyBucketsMs) {

    public static final Traffic NONE = new Traffic(0, 0, new TreeMap<>());

    public Traffic {
        latencyBucketsMs = Collections.unmodifiableNavigableMap(new TreeMap<>(latencyBucketsMs));
    }

    /** Both spans together: two pods of one version, or one span after another. */
    public Traffic plus(Traffic other) {
        TreeMap<Double, Double> buckets = new TreeMap<>(latencyBucketsMs);
        other.latencyBucketsMs.forEach((le, count) -> buckets.merge(le, count, Double::sum));
        return new Traffic(requests + other.requests, errors + other.errors, buckets);
    }

    /** The same traffic times {@code factor}: a share of a window, when only whole windows are known. */
    public Traffic scaled(double factor) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        latencyBucketsMs.forEach((le, count) -> buckets.put(le, count * factor));
        return new Traffic(requests * factor, errors * factor, buckets);
    }

    /** Failed share, NaN without requests. */
    public double errorRate() {
        return requests > 0 ? errors / requests : Double.NaN;
    }

    /** Whether the latency histogram has observations and its +Inf bucket, so shares can be counted. */
    public boolean hasLatency() {
        return !latencyBucketsMs.isEmpty()
                && latencyBucketsMs.lastKey() == Double.POSITIVE_INFINITY
                && latencyObservations() > 0;
    }

    /** Requests the histogram observed (its +Inf bucket). */
    public double latencyObservations() {
        Double all = latencyBucketsMs.get(Double.POSITIVE_INFINITY);
        return all == null ? 0 : all;
    }

    /**
     * Requests certainly slower than {@code ms}: those above the smallest bucket bound at or over it.
     * A breach is only claimed on these, so a histogram too coarse to tell never convicts.
     */
    public double surelySlowerThan(double ms) {
        Map.Entry<Double, Double> atOrAbove = latencyBucketsMs.ceilingEntry(ms);
        return atOrAbove == null ? 0 : Math.max(0, latencyObservations() - atOrAbove.getValue());
    }

    /**
     * Requests possibly slower than {@code ms}: those above the largest bucket bound at or under it.
     * Being within a limit is only claimed on these.
     */
    public double possiblySlowerThan(double ms) {
        Map.Entry<Double, Double> atOrBelow = latencyBucketsMs.floorEntry(ms);
        return atOrBelow == null ? latencyObservations() : Math.max(0, latencyObservations() - atOrBelow.getValue());
    }

    /** The highest finite bucket bound, or NaN: latencies above it cannot be told apart. */
    public double topFiniteBoundMs() {
        Double below = latencyBucketsMs.lowerKey(Double.POSITIVE_INFINITY);
        return below == null ? Double.NaN : below;
    }

    /** The q-quantile latency in milliseconds, interpolated as PromQL's histogram_quantile does. */
    public double quantileMs(double q) {
        return HistogramQuantile.quantile(q, latencyBucketsMs);
    }
}
