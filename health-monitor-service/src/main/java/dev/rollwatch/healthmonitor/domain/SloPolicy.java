package dev.rollwatch.healthmonitor.domain;

import dev.rollwatch.events.Slo;
import dev.rollwatch.events.validation.Durations;
import java.time.Duration;

/**
 * The SLOs a watch holds the new version to: the release's own where it set them, the monitor's
 * defaults elsewhere. Resolved once, when the release is requested, so a later change of the
 * defaults does not move the goalposts of a rollout in progress.
 *
 * @param maxErrorRate          highest acceptable error rate, 0..1
 * @param maxP95LatencyMs       highest acceptable p95 latency
 * @param maxP99LatencyMs       highest acceptable p99 latency, or null for no p99 check
 * @param maxRegressionRatio    how much worse than stable the new version may be, or null for no
 *                              baseline comparison
 * @param minRequestsPerWindow  fewer canary requests in a window is INSUFFICIENT_DATA
 * @param interval              how often a window is evaluated
 * @param window                how far back each evaluation looks
 * @param consecutiveFailures   DEGRADED windows in a row that make a breach
 * @param minErrorRateIncrease  a relative error-rate regression must also be at least this much
 *                              worse in absolute terms (0.01 = one percentage point): 0.2% against
 *                              0.1% is "twice as bad" and still healthy
 * @param minLatencyIncreaseMs  likewise for latency, in milliseconds
 */
public record SloPolicy(
        double maxErrorRate,
        double maxP95LatencyMs,
        Double maxP99LatencyMs,
        Double maxRegressionRatio,
        int minRequestsPerWindow,
        Duration interval,
        Duration window,
        int consecutiveFailures,
        double minErrorRateIncrease,
        double minLatencyIncreaseMs) {

    public SloPolicy {
        if (!(maxErrorRate > 0 && maxErrorRate <= 1)) {
            throw new IllegalArgumentException("maxErrorRate must be in (0, 1], was " + maxErrorRate);
        }
        if (!(maxP95LatencyMs > 0)) {
            throw new IllegalArgumentException("maxP95LatencyMs must be positive, was " + maxP95LatencyMs);
        }
        if (minRequestsPerWindow < 1 || consecutiveFailures < 1) {
            throw new IllegalArgumentException("minRequestsPerWindow and consecutiveFailures must be at least 1");
        }
        if (interval.isZero() || interval.isNegative() || window.compareTo(interval) < 0) {
            throw new IllegalArgumentException("interval must be positive and window not shorter than it");
        }
    }

    /**
     * The bounds no release can loosen: the runbooks' rollback triggers (over 5% errors, p95 over
     * 2000 ms), and the settings that would otherwise switch judging off by the back door (a minimum
     * of requests never reached, a window or interval so long nothing is seen in time, a breach that
     * needs a hundred verdicts, a "regression" allowed to be ten times worse). A release may only ask
     * for tighter ones.
     *
     * @param maxErrorRate           highest error-rate limit a release may ask for
     * @param maxP95LatencyMs        highest p95 limit a release may ask for
     * @param maxMinRequests         most requests a release may require before it can be judged
     * @param maxConsecutiveFailures most DEGRADED verdicts in a row a release may require for a breach
     * @param maxInterval            longest evaluation interval
     * @param maxWindow              longest window
     * @param maxRegressionRatio     loosest regression ratio against the stable version
     */
    public record HardLimits(
            double maxErrorRate,
            double maxP95LatencyMs,
            int maxMinRequests,
            int maxConsecutiveFailures,
            Duration maxInterval,
            Duration maxWindow,
            double maxRegressionRatio) {

        /** Only the two thresholds bounded, the others as loose as the release rules allow. */
        public HardLimits(double maxErrorRate, double maxP95LatencyMs) {
            this(
                    maxErrorRate,
                    maxP95LatencyMs,
                    Integer.MAX_VALUE,
                    Integer.MAX_VALUE,
                    Duration.ofDays(1),
                    Duration.ofDays(1),
                    Double.MAX_VALUE);
        }
    }

    /** The release's SLOs over the defaults, held under the hard limits. */
    public static SloPolicy resolve(Slo slo, SloPolicy defaults, HardLimits limits) {
        SloPolicy wanted = resolve(slo, defaults);
        Duration interval = min(wanted.interval, limits.maxInterval());
        Duration window = min(wanted.window, limits.maxWindow());
        return new SloPolicy(
                Math.min(wanted.maxErrorRate, limits.maxErrorRate()),
                Math.min(wanted.maxP95LatencyMs, limits.maxP95LatencyMs()),
                wanted.maxP99LatencyMs,
                wanted.maxRegressionRatio == null
                        ? null
                        : Math.min(wanted.maxRegressionRatio, limits.maxRegressionRatio()),
                Math.min(wanted.minRequestsPerWindow, limits.maxMinRequests()),
                interval,
                window.compareTo(interval) < 0 ? interval : window,
                Math.min(wanted.consecutiveFailures, limits.maxConsecutiveFailures()),
                wanted.minErrorRateIncrease,
                wanted.minLatencyIncreaseMs);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The release's SLOs over the defaults. */
    public static SloPolicy resolve(Slo slo, SloPolicy defaults) {
        if (slo == null) {
            return defaults;
        }
        Duration interval = slo.interval() == null ? defaults.interval() : Durations.require(slo.interval());
        Duration window = slo.window() == null ? defaults.window() : Durations.require(slo.window());
        if (window.compareTo(interval) < 0) {
            // Only one of the two was set and it crossed the other default: a window never looks back
            // less than one interval, or samples would go unjudged.
            window = interval;
        }
        return new SloPolicy(
                or(slo.maxErrorRate(), defaults.maxErrorRate()),
                or(slo.maxP95LatencyMs(), defaults.maxP95LatencyMs()),
                slo.maxP99LatencyMs() != null ? slo.maxP99LatencyMs() : defaults.maxP99LatencyMs(),
                slo.maxRegressionRatio() != null ? slo.maxRegressionRatio() : defaults.maxRegressionRatio(),
                slo.minRequestsPerWindow() != null ? slo.minRequestsPerWindow() : defaults.minRequestsPerWindow(),
                interval,
                window,
                slo.consecutiveFailures() != null ? slo.consecutiveFailures() : defaults.consecutiveFailures(),
                defaults.minErrorRateIncrease(),
                defaults.minLatencyIncreaseMs());
    }

    /** The window as people and PromQL write it, e.g. {@code 1m}. */
    public String windowText() {
        return Durations.format(window);
    }

    private static double or(Double value, double fallback) {
        return value != null ? value : fallback;
    }
}
