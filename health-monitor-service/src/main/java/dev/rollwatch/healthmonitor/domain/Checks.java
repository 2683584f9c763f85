package dev.rollwatch.healthmonitor.domain;

import dev.rollwatch.events.Evidence.Comparison;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of one evaluation. Each SLO becomes a share of the new version's requests:
 * <ul>
 * <li>error rate: failed requests against {@code maxErrorRate};</li>
 * <li>a latency quantile q under a limit: requests slower than the limit against 1 - q (the p95 is
 * over 500 ms exactly when more than 5% of requests are slower than 500 ms), counted from the
 * histogram's buckets;</li>
 * <li>worse than the stable version, for errors: the new version's share of both versions' failures
 * against the share it would have if it failed {@code maxRegressionRatio} times as often (the
 * conditional test for two Poisson rates, so traffic split and shared failures cancel out);</li>
 * <li>worse than the stable version, for latency: requests slower than {@code maxRegressionRatio}
 * times the stable version's quantile (and at least {@code minLatencyIncreaseMs} more) against 1 - q.</li>
 * </ul>
 * The comparisons with the stable version run whenever one is measured, at the configured ratio or
 * {@link #DEFAULT_RATIO}: they also tell a failure both versions share from one of the new version's.
 */
final class Checks {

    /** The runbooks' "more than 50% performance degradation". */
    static final double DEFAULT_RATIO = 1.5;
    /** The smallest alternative of the absolute tests: twice the odds of the limit. */
    static final double ABSOLUTE_ODDS = 2;

    private Checks() {
    }

    /**
     * @param policy       the SLOs
     * @param canaryWindow the new version over the window
     * @param canary       the new version's increment
     * @param stableWindow the stable version over the window, or null when it is no baseline
     * @param stable       the stable version's increment, or null
     */
    static List<Check> of(SloPolicy policy, Traffic canaryWindow, Traffic canary, Traffic stableWindow,
            Traffic stable) {
        List<Check> checks = new ArrayList<>();
        checks.add(errorRate(policy, canaryWindow, canary, stableWindow, stable));
        checks.add(latency(Metric.LATENCY_P95, 0.95, policy.maxP95LatencyMs(), policy, canaryWindow, canary,
                stableWindow, stable));
        if (policy.maxP99LatencyMs() != null) {
            checks.add(latency(Metric.LATENCY_P99, 0.99, policy.maxP99LatencyMs(), policy, canaryWindow, canary,
                    stableWindow, stable));
        }
        if (stableWindow != null && stable != null) {
            double ratio = ratio(policy);
            checks.add(relativeErrors(policy, ratio, canaryWindow, canary, stableWindow, stable));
            checks.add(relativeLatency(Metric.LATENCY_P95, 0.95, policy, ratio, canaryWindow, canary, stableWindow,
                    stable));
            if (policy.maxP99LatencyMs() != null) {
                checks.add(relativeLatency(Metric.LATENCY_P99, 0.99, policy, ratio, canaryWindow, canary,
                        stableWindow, stable));
            }
        }
        return checks.stream().filter(c -> c != null).toList();
    }

    static double ratio(SloPolicy policy) {
        return policy.maxRegressionRatio() != null ? policy.maxRegressionRatio() : DEFAULT_RATIO;
    }

    static String relativeKey(Metric metric) {
        return metric.key() + ":relative";
    }

    private static Check errorRate(SloPolicy policy, Traffic window, Traffic fresh, Traffic stableWindow,
            Traffic stable) {
        double limit = policy.maxErrorRate();
        boolean baselineOver = stableWindow != null && (stableWindow.errorRate() > limit
                || (stable != null && stable.requests() >= policy.minRequestsPerWindow() && stable.errorRate() > limit));
        return new Check(Metric.ERROR_RATE.key(), Metric.ERROR_RATE, Comparison.ABSOLUTE, fresh.requests(),
                fresh.errors(), limit, fresh.requests(),
                new Check.Step(fresh.requests(), fresh.errors(), 0, 0), tally -> limit, ABSOLUTE_ODDS,
                window.errorRate(), stableWindow == null ? null : stableWindow.errorRate(), limit, "failed", null,
                baselineOver, true);
    }

    private static Check latency(Metric metric, double q, double limitMs, SloPolicy policy, Traffic window,
            Traffic fresh, Traffic stableWindow, Traffic stable) {
        double share = 1 - q;
        Double baseline = stableWindow == null ? null : finiteOrNull(stableWindow.quantileMs(q));
        boolean baselineOver = stableWindow != null && stableWindow.hasLatency()
                && (stableWindow.surelySlowerThan(limitMs) > share * stableWindow.latencyObservations()
                        || (stable != null && stable.latencyObservations() >= policy.minRequestsPerWindow()
                                && stable.surelySlowerThan(limitMs) > share * stable.latencyObservations()));
        String blocked = latencyBlocked(window, limitMs);
        return new Check(metric.key(), metric, Comparison.ABSOLUTE, fresh.latencyObservations(),
                fresh.surelySlowerThan(limitMs), share, fresh.requests(),
                new Check.Step(fresh.latencyObservations(), fresh.possiblySlowerThan(limitMs), 0, 0), tally -> share,
                ABSOLUTE_ODDS, window.quantileMs(q), baseline, limitMs, slowerThan(limitMs), blocked, baselineOver,
                true);
    }

    private static String latencyBlocked(Traffic window, double thresholdMs) {
        if (!window.hasLatency()) {
            return "no latency histogram from the source";
        }
        double top = window.topFiniteBoundMs();
        if (!(top >= thresholdMs)) {
            // Requests above the top finite bucket could be just over it or far over the threshold.
            return String.format(java.util.Locale.ROOT,
                    "the histogram's highest bucket (%.0f ms) is under the threshold, so slower requests cannot"
                            + " be told apart", top);
        }
        return null;
    }

    private static Check relativeErrors(SloPolicy policy, double ratio, Traffic window, Traffic fresh,
            Traffic stableWindow, Traffic stable) {
        // If the new version failed exactly `ratio` times as often as the stable one (the worst it may),
        // each failure of either would be the new version's with this probability: the test is held at
        // the allowed ratio, as the absolute ones are held at their limit. Held at "no difference", a
        // new version no worse than the stable one would sit on the null and cross the bound by chance.
        double weighted = ratio * fresh.requests();
        double allowedShare = weighted + stable.requests() > 0 ? weighted / (weighted + stable.requests()) : Double.NaN;
        double minIncrease = policy.minErrorRateIncrease();
        return new Check(relativeKey(Metric.ERROR_RATE), Metric.ERROR_RATE, Comparison.RELATIVE,
                fresh.errors() + stable.errors(), fresh.errors(), allowedShare, fresh.requests(),
                new Check.Step(fresh.requests(), fresh.errors(), stable.requests(), stable.errors()),
                tally -> Math.max(ratio * tally.baselineShare(), tally.baselineShare() + minIncrease),
                ABSOLUTE_ODDS, window.errorRate(), stableWindow.errorRate(), ratio, "failed", null, false,
                window.errorRate() - stableWindow.errorRate() >= minIncrease);
    }

    private static Check relativeLatency(Metric metric, double q, SloPolicy policy, double ratio, Traffic window,
            Traffic fresh, Traffic stableWindow, Traffic stable) {
        double baseline = stableWindow.quantileMs(q);
        if (!stableWindow.hasLatency() || stableWindow.latencyObservations() < policy.minRequestsPerWindow()
                || !Double.isFinite(baseline)) {
            return null;
        }
        double threshold = Math.max(baseline * ratio, baseline + policy.minLatencyIncreaseMs());
        double share = 1 - q;
        String blocked = latencyBlocked(window, threshold);
        return new Check(relativeKey(metric), metric, Comparison.RELATIVE, fresh.latencyObservations(),
                fresh.surelySlowerThan(threshold), share, fresh.requests(),
                new Check.Step(fresh.latencyObservations(), fresh.possiblySlowerThan(threshold), 0, 0),
                tally -> share, ratio, window.quantileMs(q), baseline, ratio,
                slowerThan(threshold) + " (" + Describe.trim(ratio) + "x stable)", blocked, false, true);
    }

    private static String slowerThan(double ms) {
        return String.format(java.util.Locale.ROOT, "slower than %.0f ms", ms);
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
