package dev.rollwatch.benchmarks.judgement;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;

/**
 * Request latency as a lognormal distribution, observed the way the services expose it: only as
 * counts in a fixed set of histogram buckets, so the judge sees exactly what a real scrape shows it.
 *
 * @param medianMs the median latency
 * @param sigma    the spread of the logarithm; {@link #SIGMA} puts the p95 at 2.5 times the median,
 *                 a typical shape for an HTTP service
 */
public record LatencyModel(double medianMs, double sigma) {

    /** Micrometer's and Prometheus' default request-timer buckets, in seconds (+Inf is implied). */
    static final double[] BOUNDS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    /** The standard normal's 95th percentile. */
    static final double Z95 = 1.6448536269514722;

    static final double SIGMA = 0.557;

    /** A healthy service: p95 around 200 ms. */
    public static final LatencyModel HEALTHY = withP95(200);

    /** Same shape as a healthy service, shifted so its p95 is {@code p95Ms}. */
    public static LatencyModel withP95(double p95Ms) {
        return new LatencyModel(p95Ms / Math.exp(Z95 * SIGMA), SIGMA);
    }

    public double p95Ms() {
        return medianMs * Math.exp(Z95 * sigma);
    }

    /** The true share of requests slower than {@code ms}. */
    public double shareSlowerThan(double ms) {
        return 1 - cdf(ms);
    }

    /**
     * Probability of a request landing at or under each bucket bound, then 1 for +Inf: precomputed
     * once, because a run draws a bucket for every simulated request.
     */
    double[] cumulative() {
        double[] cumulative = new double[BOUNDS_SECONDS.length + 1];
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            cumulative[i] = cdf(BOUNDS_SECONDS[i] * 1000);
        }
        cumulative[BOUNDS_SECONDS.length] = 1;
        return cumulative;
    }

    /** Index of the bucket (the first bound at or over the latency) of one random request. */
    static int bucket(double[] cumulative, SplittableRandom random) {
        double u = random.nextDouble();
        int i = 0;
        while (u >= cumulative[i] && i < cumulative.length - 1) {
            i++;
        }
        return i;
    }

    private double cdf(double ms) {
        return 0.5 * (1 + Erf.erf(Math.log(ms / medianMs) / (sigma * Math.sqrt(2))));
    }
}
