package dev.rollwatch.healthmonitor.domain;

import dev.rollwatch.events.Evidence.Comparison;
import dev.rollwatch.healthmonitor.domain.statistics.Proportions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The checks of one evaluation. Each SLO becomes a share of the new version's requests:
 * <ul>
 * <li>error rate: failed requests against {@code maxErrorRate};</li>
 * <li>a latency quantile q under a limit: requests slower than the limit against 1 - q (the p95 is
 * over 500 ms exactly when more than 5% of requests are slower than 500 ms), counted from the
 * histogram's buckets;</li>
 * <li>worse than the stable version, for errors: the new version's share of both versions' failures
 * against the share it would have if it failed {@code maxRegressionRatio} times as often (the
 * conditional test for two Poisson rates, so traffic split and shared failures cancel out), and, as a
 * second test the breach also needs, its failed requests against the stable error rate plus
 * {@code minErrorRateIncrease};</li>
 * <li>worse than the previous version before the switch (blue-green, rolling), for errors: failed
 * requests against the larger of {@code maxRegressionRatio} times and {@code minErrorRateIncrease}
 * above the previous version's error rate then;</li>
 * <li>worse than the stable (or previous) version, for latency: requests slower than
 * {@code maxRegressionRatio} times its quantile (and at least {@code minLatencyIncreaseMs} more)
 * against 1 - q.</li>
 * </ul>
 * The comparisons run whenever there is a baseline, at the configured ratio or {@link #DEFAULT_RATIO}:
 * with a stable version beside the new one they also tell a failure both share from one of the new
 * version's.
 */
final class Checks {

    /** The runbooks' "more than 50% performance degradation". */
    static final double DEFAULT_RATIO = 1.5;
    /** The smallest alternative of the absolute tests: twice the odds of the limit. */
    static final double ABSOLUTE_ODDS = 2;

    private Checks() {}

    /**
     * What the new version is compared with.
     *
     * @param window    the baseline over the window
     * @param increment the stable version's increment beside the new version's, or null for the previous
     *                  version measured before the switch, which serves no traffic any more
     */
    record Baseline(Traffic window, Traffic increment) {

        Check.Reference reference() {
            return increment != null ? Check.Reference.STABLE : Check.Reference.PRE_SWITCH;
        }
    }

    /**
     * @param policy       the SLOs
     * @param canaryWindow the new version over the window
     * @param canary       the new version's increment
     * @param baseline     what it is compared with, or null when there is nothing to compare with
     */
    static List<Check> of(SloPolicy policy, Traffic canaryWindow, Traffic canary, Baseline baseline) {
        List<Check> checks = new ArrayList<>();
        checks.add(errorRate(policy, canaryWindow, canary, baseline));
        checks.add(latency(Metric.LATENCY_P95, 0.95, policy.maxP95LatencyMs(), policy, canaryWindow, canary, baseline));
        if (policy.maxP99LatencyMs() != null) {
            checks.add(latency(
                    Metric.LATENCY_P99, 0.99, policy.maxP99LatencyMs(), policy, canaryWindow, canary, baseline));
        }
        if (baseline != null) {
            double ratio = ratio(policy);
            checks.add(
                    baseline.increment() != null
                            ? relativeErrors(
                                    policy, ratio, canaryWindow, canary, baseline.window(), baseline.increment())
                            : errorsAgainstPreSwitch(policy, ratio, canaryWindow, canary, baseline.window()));
            checks.add(relativeLatency(Metric.LATENCY_P95, 0.95, policy, ratio, canaryWindow, canary, baseline));
            if (policy.maxP99LatencyMs() != null) {
                checks.add(relativeLatency(Metric.LATENCY_P99, 0.99, policy, ratio, canaryWindow, canary, baseline));
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

    /**
     * The stable version over the same limit right now: a failure both versions share is not the new
     * version's. Only a stable version serving beside the new one can tell; the previous version's window
     * before the switch says nothing about a failure that began after it.
     */
    private static boolean liveBaselineOver(
            Baseline baseline, SloPolicy policy, Predicate<Traffic> over, ToDoubleFunction<Traffic> observations) {
        if (baseline == null || baseline.increment() == null) {
            return false;
        }
        Traffic stable = baseline.increment();
        return over.test(baseline.window())
                || (observations.applyAsDouble(stable) >= policy.minRequestsPerWindow() && over.test(stable));
    }

    private static Check errorRate(SloPolicy policy, Traffic window, Traffic fresh, Baseline baseline) {
        double limit = policy.maxErrorRate();
        boolean baselineOver = liveBaselineOver(baseline, policy, t -> t.errorRate() > limit, Traffic::requests);
        return new Check(
                Metric.ERROR_RATE.key(),
                Metric.ERROR_RATE,
                Comparison.ABSOLUTE,
                fresh.requests(),
                fresh.errors(),
                limit,
                fresh.requests(),
                new Check.Step(fresh.requests(), fresh.errors(), 0, 0),
                tally -> limit,
                ABSOLUTE_ODDS,
                window.errorRate(),
                baseline == null ? null : baseline.window().errorRate(),
                limit,
                "failed",
                null,
                baselineOver,
                true,
                Check.Reference.STABLE,
                null);
    }

    private static Check latency(
            Metric metric,
            double q,
            double limitMs,
            SloPolicy policy,
            Traffic window,
            Traffic fresh,
            Baseline baseline) {
        double share = 1 - q;
        Double reference =
                baseline == null ? null : finiteOrNull(baseline.window().quantileMs(q));
        boolean baselineOver = liveBaselineOver(
                baseline,
                policy,
                t -> t.hasLatency() && t.surelySlowerThan(limitMs) > share * t.latencyObservations(),
                Traffic::latencyObservations);
        String blocked = latencyBlocked(window, limitMs);
        return new Check(
                metric.key(),
                metric,
                Comparison.ABSOLUTE,
                fresh.latencyObservations(),
                fresh.surelySlowerThan(limitMs),
                share,
                fresh.requests(),
                new Check.Step(fresh.latencyObservations(), fresh.possiblySlowerThan(limitMs), 0, 0),
                tally -> share,
                ABSOLUTE_ODDS,
                window.quantileMs(q),
                reference,
                limitMs,
                slowerThan(limitMs),
                blocked,
                baselineOver,
                true,
                Check.Reference.STABLE,
                null);
    }

    private static String latencyBlocked(Traffic window, double thresholdMs) {
        if (!window.hasLatency()) {
            return "no latency histogram from the source";
        }
        double top = window.topFiniteBoundMs();
        if (!(top >= thresholdMs)) {
            // Requests above the top finite bucket could be just over it or far over the threshold.
            return String.format(
                    java.util.Locale.ROOT,
                    "the histogram's highest bucket (%.0f ms) is under the threshold, so slower requests cannot"
                            + " be told apart",
                    top);
        }
        return null;
    }

    private static Check relativeErrors(
            SloPolicy policy, double ratio, Traffic window, Traffic fresh, Traffic stableWindow, Traffic stable) {
        // If the new version failed exactly `ratio` times as often as the stable one (the worst it may),
        // each failure of either would be the new version's with this probability: the test is held at
        // the allowed ratio, as the absolute ones are held at their limit. Held at "no difference", a
        // new version no worse than the stable one would sit on the null and cross the bound by chance.
        double weighted = ratio * fresh.requests();
        double allowedShare = weighted + stable.requests() > 0 ? weighted / (weighted + stable.requests()) : Double.NaN;
        double minIncrease = policy.minErrorRateIncrease();
        return new Check(
                relativeKey(Metric.ERROR_RATE),
                Metric.ERROR_RATE,
                Comparison.RELATIVE,
                fresh.errors() + stable.errors(),
                fresh.errors(),
                allowedShare,
                fresh.requests(),
                new Check.Step(fresh.requests(), fresh.errors(), stable.requests(), stable.errors()),
                tally -> Math.max(ratio * tally.baselineShare(), tally.baselineShare() + minIncrease),
                ABSOLUTE_ODDS,
                window.errorRate(),
                stableWindow.errorRate(),
                ratio,
                "failed",
                null,
                false,
                false,
                Check.Reference.STABLE,
                new Check.Increase(fresh.requests(), fresh.errors(), stableWindow.errorRate() + minIncrease));
    }

    /**
     * Worse than the previous version was before the switch: the new version's failures against the
     * larger of {@code ratio} times and {@code minErrorRateIncrease} above the previous version's error
     * rate, taken at its {@link SequentialJudge#CONFIDENCE} upper bound. The previous version's rate is itself an estimate that cannot grow any more evidence;
     * the benefit of its doubt goes to the new version, as a fixed limit would.
     */
    private static Check errorsAgainstPreSwitch(
            SloPolicy policy, double ratio, Traffic window, Traffic fresh, Traffic previous) {
        double previousUpper =
                Proportions.upperBound(previous.errors(), previous.requests(), SequentialJudge.CONFIDENCE);
        double minIncrease = policy.minErrorRateIncrease();
        // Both halves of a regression against one fixed estimate: the test is held at the larger of the two.
        double held = Math.min(Math.max(ratio * previousUpper, previousUpper + minIncrease), 1);
        // A test of its own (the new version's requests, not both versions' failures): its evidence must
        // never be added to the other's.
        return new Check(
                Metric.ERROR_RATE.key() + ":preSwitch",
                Metric.ERROR_RATE,
                Comparison.RELATIVE,
                fresh.requests(),
                fresh.errors(),
                held,
                fresh.requests(),
                new Check.Step(fresh.requests(), fresh.errors(), 0, 0),
                tally -> held,
                ABSOLUTE_ODDS,
                window.errorRate(),
                previous.errorRate(),
                ratio,
                "failed",
                null,
                false,
                true,
                Check.Reference.PRE_SWITCH,
                null);
    }

    private static Check relativeLatency(
            Metric metric, double q, SloPolicy policy, double ratio, Traffic window, Traffic fresh, Baseline against) {
        Traffic reference = against.window();
        double baseline = reference.quantileMs(q);
        if (!reference.hasLatency()
                || reference.latencyObservations() < policy.minRequestsPerWindow()
                || !Double.isFinite(baseline)) {
            return null;
        }
        double threshold = Math.max(baseline * ratio, baseline + policy.minLatencyIncreaseMs());
        double share = 1 - q;
        String blocked = latencyBlocked(window, threshold);
        return new Check(
                relativeKey(metric),
                metric,
                Comparison.RELATIVE,
                fresh.latencyObservations(),
                fresh.surelySlowerThan(threshold),
                share,
                fresh.requests(),
                new Check.Step(fresh.latencyObservations(), fresh.possiblySlowerThan(threshold), 0, 0),
                tally -> share,
                ratio,
                window.quantileMs(q),
                baseline,
                ratio,
                slowerThan(threshold) + " (" + Describe.trim(ratio) + "x "
                        + against.reference().noun() + ")",
                blocked,
                false,
                true,
                against.reference(),
                null);
    }

    private static String slowerThan(double ms) {
        return String.format(java.util.Locale.ROOT, "slower than %.0f ms", ms);
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
