package dev.rollwatch.benchmarks.judgement;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * How high a rate measured as {@code events} in {@code trials} could really be. The exact
 * (Clopper-Pearson) bound, because the rates of interest are rare events where normal
 * approximations fail: with no event in n runs it is about 3/n, the "rule of three".
 */
public final class RateBound {

    public static final double CONFIDENCE = 0.95;

    private RateBound() {}

    /** The one-sided 95% upper confidence bound of the rate; 1 without trials. */
    public static double upper95(int events, int trials) {
        if (trials <= 0 || events >= trials) {
            return 1;
        }
        return new BetaDistribution(null, events + 1, trials - events).inverseCumulativeProbability(CONFIDENCE);
    }
}
