package dev.rollwatch.healthmonitor.source.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The answer to the latency-buckets query: request counts by bucket bound ({@code le}) over the
 * window, in milliseconds, or why there are none. An empty map means no latency counts; the judge
 * then leaves latency undecided and says so.
 *
 * @param bucketsMs cumulative counts by upper bound in milliseconds, with +Inf
 * @param error     why the query failed, or null
 */
record HistogramOutcome(NavigableMap<Double, Double> bucketsMs, String error) {

    static HistogramOutcome failed(String error) {
        return new HistogramOutcome(Collections.emptyNavigableMap(), error);
    }

    /** Reads a vector with one series per {@code le}; anything else is no histogram. */
    static HistogramOutcome of(PrometheusResponse response, double millisPerUnit) {
        QueryOutcome status = QueryOutcome.status(response);
        if (status != null) {
            return failed(status.error());
        }
        if (!"vector".equals(response.data().resultType())) {
            return failed("the latency buckets query returned a "
                    + response.data().resultType() + "; it must return one series per le");
        }
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (JsonNode series : response.data().result()) {
            String le = series.path("metric").path("le").asText(null);
            double count = QueryOutcome.number(series.path("value"));
            if (le == null || !Double.isFinite(count)) {
                continue;
            }
            double bound = switch (le) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                default -> parse(le) * millisPerUnit;
            };
            if (!Double.isNaN(bound)) {
                buckets.merge(bound, count, Double::sum);
            }
        }
        return new HistogramOutcome(buckets, null);
    }

    private static double parse(String le) {
        try {
            return Double.parseDouble(le);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
