package dev.rollwatch.healthmonitor.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The q-quantile of a cumulative histogram, computed exactly as PromQL's {@code histogram_quantile}
 * does: find the bucket holding the rank and interpolate linearly inside it, so the scrape source
 * and the Prometheus source agree on the same data.
 */
public final class HistogramQuantile {

    private HistogramQuantile() {}

    /**
     * @param q       the quantile, 0..1
     * @param buckets cumulative counts by upper bound; must include +Inf
     * @return the quantile, or NaN when the histogram is empty or lacks its +Inf bucket
     */
    public static double quantile(double q, NavigableMap<Double, Double> buckets) {
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (buckets.size() < 2 || buckets.lastKey() != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        List<double[]> sorted = new ArrayList<>();
        double max = 0;
        for (Map.Entry<Double, Double> e : buckets.entrySet()) {
            // Counts scraped at slightly different moments can dip; PromQL evens them out the same way.
            max = Math.max(max, e.getValue());
            sorted.add(new double[] {e.getKey(), max});
        }
        double observations = sorted.get(sorted.size() - 1)[1];
        if (observations <= 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < sorted.size() - 1 && sorted.get(b)[1] < rank) {
            b++;
        }
        if (b == sorted.size() - 1) {
            return sorted.get(sorted.size() - 2)[0];
        }
        if (b == 0 && sorted.get(0)[0] <= 0) {
            return sorted.get(0)[0];
        }
        double bucketStart = 0;
        double bucketEnd = sorted.get(b)[0];
        double count = sorted.get(b)[1];
        if (b > 0) {
            bucketStart = sorted.get(b - 1)[0];
            count -= sorted.get(b - 1)[1];
            rank -= sorted.get(b - 1)[1];
        }
        if (count <= 0) {
            return bucketStart;
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }
}
