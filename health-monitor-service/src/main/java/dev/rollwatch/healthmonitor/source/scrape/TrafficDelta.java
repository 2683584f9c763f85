package dev.rollwatch.healthmonitor.source.scrape;

import dev.rollwatch.healthmonitor.domain.HistogramQuantile;
import dev.rollwatch.healthmonitor.domain.Traffic;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What happened between two scrapes of one or more endpoints: requests, failures and the latency
 * histogram of just that span.
 *
 * @param from     time of the earlier scrape
 * @param to       time of the later scrape
 * @param requests requests served in between
 * @param errors   failed requests in between
 * @param buckets  cumulative histogram of the requests in between
 */
public record TrafficDelta(
        Instant from, Instant to, double requests, double errors, NavigableMap<Double, Double> buckets) {

    public TrafficDelta {
        buckets = new TreeMap<>(buckets);
    }

    /** The increase from {@code earlier} to {@code later}; a counter that went down was reset by a restart. */
    static TrafficDelta between(Instant from, HttpTraffic earlier, Instant to, HttpTraffic later) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (Map.Entry<Double, Double> e : later.buckets().entrySet()) {
            buckets.put(e.getKey(), increase(earlier.buckets().getOrDefault(e.getKey(), 0.0), e.getValue()));
        }
        return new TrafficDelta(
                from,
                to,
                increase(earlier.requests(), later.requests()),
                increase(earlier.errors(), later.errors()),
                buckets);
    }

    /** Like PromQL's increase(): after a reset the counter restarted from zero, so all of it is new. */
    static double increase(double earlier, double later) {
        return later >= earlier ? later - earlier : later;
    }

    /** This span followed by the next one. */
    TrafficDelta then(TrafficDelta next) {
        return new TrafficDelta(
                from, next.to, requests + next.requests, errors + next.errors, sum(buckets, next.buckets));
    }

    /** The same span of two endpoints together (several pods of one version). */
    TrafficDelta plus(TrafficDelta other) {
        Instant start = from.isBefore(other.from) ? from : other.from;
        Instant end = to.isAfter(other.to) ? to : other.to;
        return new TrafficDelta(
                start, end, requests + other.requests, errors + other.errors, sum(buckets, other.buckets));
    }

    public double errorRate() {
        return requests > 0 ? errors / requests : Double.NaN;
    }

    /** The span as the judge counts it, with the histogram's bounds in milliseconds. */
    public Traffic traffic(double millisPerUnit) {
        TreeMap<Double, Double> millis = new TreeMap<>();
        buckets.forEach((le, count) -> millis.put(le * millisPerUnit, count));
        return new Traffic(requests, errors, millis);
    }

    /** The q-quantile latency of the span, in the histogram's unit. */
    public double quantile(double q) {
        return HistogramQuantile.quantile(q, buckets);
    }

    private static NavigableMap<Double, Double> sum(NavigableMap<Double, Double> a, NavigableMap<Double, Double> b) {
        TreeMap<Double, Double> total = new TreeMap<>(a);
        b.forEach((le, count) -> total.merge(le, count, Double::sum));
        return total;
    }
}
