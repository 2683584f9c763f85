package dev.rollwatch.benchmarks.judgement;

import dev.rollwatch.events.Evidence;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a run was rolled back, in a few words that group alike: the judge's key of each check in the
 * breach ({@code errorRate}, {@code errorRate:relative}, {@code latencyP95:relative}, {@code podFailures}),
 * each with the alternative of the sequential test that crossed its bound ({@code errorRate:relative (4x)}:
 * the chart looking for 4 times the odds of the limit, or of the share the allowed ratio gives). Two runs
 * with the same cause were convicted by the same check and chart, so a count per cause says which test
 * fires where it should not.
 */
final class BreachCause {

    private BreachCause() {}

    /** The cause of a breach from its evidence, e.g. {@code "errorRate:relative (4x)"} or {@code "podFailures"}. */
    static String of(List<Evidence> breaches) {
        List<String> parts = new ArrayList<>();
        for (Evidence e : breaches) {
            String key = e.comparison() == Evidence.Comparison.RELATIVE ? e.metric() + ":relative" : e.metric();
            Evidence.Statistic s = e.statistic();
            boolean sequential = s != null
                    && s.test() == Evidence.Statistic.Test.SEQUENTIAL_LIKELIHOOD_RATIO
                    && s.oddsRatio() != null;
            parts.add(sequential ? key + " (" + times(s.oddsRatio()) + ")" : key);
        }
        return parts.isEmpty() ? "unknown" : String.join(" + ", parts);
    }

    /** 4.0 as "4x", 1.5 as "1.5x". */
    static String times(double ratio) {
        return new BigDecimal(ratio)
                        .round(new MathContext(3))
                        .stripTrailingZeros()
                        .toPlainString() + "x";
    }
}
