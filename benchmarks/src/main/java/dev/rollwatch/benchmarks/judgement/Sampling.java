package dev.rollwatch.benchmarks.judgement;

import java.util.SplittableRandom;

/** Random counts for the simulated traffic, exact rather than approximated: the tails are what is measured. */
final class Sampling {

    /** Knuth's product method stays exact and fast up to this mean; larger means are summed from parts. */
    private static final double KNUTH_MAX_MEAN = 30;

    private Sampling() {}

    /**
     * Requests arriving in a span with {@code mean} expected: Poisson, as independent clients make
     * them. A large mean is drawn as a sum of Poisson parts, which is Poisson again.
     */
    static int poisson(SplittableRandom random, double mean) {
        if (!(mean > 0)) {
            return 0;
        }
        int total = 0;
        double left = mean;
        while (left > KNUTH_MAX_MEAN) {
            total += knuth(random, KNUTH_MAX_MEAN);
            left -= KNUTH_MAX_MEAN;
        }
        return total + knuth(random, left);
    }

    private static int knuth(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }
}
