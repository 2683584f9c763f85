package dev.rollwatch.healthmonitor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HistogramQuantileTest {

    private static TreeMap<Double, Double> buckets(double... boundAndCount) {
        TreeMap<Double, Double> b = new TreeMap<>();
        for (int i = 0; i < boundAndCount.length; i += 2) {
            b.put(boundAndCount[i], boundAndCount[i + 1]);
        }
        return b;
    }

    @Test
    void interpolatesLinearlyInsideTheBucketHoldingTheRank() {
        // 100 observations: 50 up to 0.1, 90 up to 0.5, all up to 1.
        TreeMap<Double, Double> b = buckets(0.1, 50, 0.5, 90, 1.0, 100, Double.POSITIVE_INFINITY, 100);

        assertThat(HistogramQuantile.quantile(0.5, b)).isEqualTo(0.1);
        assertThat(HistogramQuantile.quantile(0.7, b)).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(HistogramQuantile.quantile(0.95, b)).isCloseTo(0.75, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void theFirstBucketStartsAtZero() {
        assertThat(HistogramQuantile.quantile(0.5, buckets(0.2, 10, Double.POSITIVE_INFINITY, 10)))
                .isEqualTo(0.1);
    }

    @Test
    void aRankInTheInfiniteBucketIsTheHighestFiniteBound() {
        assertThat(HistogramQuantile.quantile(0.99, buckets(0.5, 10, 2.0, 20, Double.POSITIVE_INFINITY, 100)))
                .isEqualTo(2.0);
    }

    @Test
    void anEmptyOrIncompleteHistogramHasNoQuantile() {
        assertThat(HistogramQuantile.quantile(0.95, buckets(0.5, 0, Double.POSITIVE_INFINITY, 0)))
                .isNaN();
        assertThat(HistogramQuantile.quantile(0.95, buckets(0.5, 3, 1.0, 5))).isNaN();
    }

    @Test
    void countsThatDipAreEvenedOutLikePromQl() {
        // Scraped mid-update, the 1.0 bucket reads lower than the 0.5 one.
        assertThat(HistogramQuantile.quantile(0.5, buckets(0.5, 10, 1.0, 9, Double.POSITIVE_INFINITY, 10)))
                .isEqualTo(0.25);
    }
}
