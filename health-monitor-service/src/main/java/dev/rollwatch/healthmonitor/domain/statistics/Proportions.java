package dev.rollwatch.healthmonitor.domain.statistics;

import org.apache.commons.math3.distribution.BetaDistribution;

/** Confidence bounds of a share from its counts (binomial: each request fails or not). */
public final class Proportions {

    private Proportions() {}

    /**
     * The one-sided Clopper-Pearson upper bound: the true share is below it with the given
     * confidence. Exact for whole counts and still defined for pro-rated ones; with no trials it is 1,
     * since nothing has been ruled out.
     */
    public static double upperBound(double events, double trials, double confidence) {
        if (!(trials > 0)) {
            return 1;
        }
        double hits = Math.min(Math.max(events, 0), trials);
        if (hits >= trials) {
            return 1;
        }
        return new BetaDistribution(null, hits + 1, trials - hits).inverseCumulativeProbability(confidence);
    }
}
