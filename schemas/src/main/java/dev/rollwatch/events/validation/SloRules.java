package dev.rollwatch.events.validation;

import static dev.rollwatch.events.validation.FieldFormats.duration;

import dev.rollwatch.events.Slo;
import java.time.Duration;

/**
 * The objectives the health monitor judges a release by, and the settings that only make sense when
 * something judges it. The metric source has rules of its own ({@link MetricSourceRules}).
 */
final class SloRules {

    private static final Duration MAX_INTERVAL = Duration.ofHours(1);
    private static final Duration MAX_WINDOW = Duration.ofHours(24);
    private static final Duration MIN_POD_FAILURE_WINDOW = Duration.ofSeconds(10);
    private static final Duration MAX_POD_FAILURE_WINDOW = Duration.ofHours(1);
    private static final double MAX_LATENCY_MS = 600_000;
    /**
     * The most requests a window may need before it is judged. More evidence than any verdict needs
     * (the health monitor's own hard limit is lower, 1,000 by default); a higher floor would only keep
     * the release from ever being judged, an opt-out of the SLO in disguise.
     */
    static final int MAX_MIN_REQUESTS_PER_WINDOW = 10_000;
    /**
     * The most DEGRADED verdicts in a row a breach may need. Each one delays the rollback by an
     * interval; ten at the longest interval (1h) is already most of a working day.
     */
    static final int MAX_CONSECUTIVE_FAILURES = 10;

    private SloRules() {}

    static void check(Errors errors, Slo slo) {
        if (slo == null) {
            return;
        }
        if (slo.maxErrorRate() != null && !(slo.maxErrorRate() > 0 && slo.maxErrorRate() <= 1)) {
            errors.add("slo.maxErrorRate", "must be a fraction above 0 and at most 1 (0.05 means 5%)");
        }
        latency(errors, "slo.maxP95LatencyMs", slo.maxP95LatencyMs());
        latency(errors, "slo.maxP99LatencyMs", slo.maxP99LatencyMs());
        if (slo.maxP95LatencyMs() != null
                && slo.maxP99LatencyMs() != null
                && slo.maxP99LatencyMs() < slo.maxP95LatencyMs()) {
            errors.add("slo.maxP99LatencyMs", "must not be lower than slo.maxP95LatencyMs");
        }
        if (slo.maxRegressionRatio() != null && !(slo.maxRegressionRatio() >= 1 && slo.maxRegressionRatio() <= 100)) {
            errors.add("slo.maxRegressionRatio", "must be between 1 and 100 (1.5 allows 50% worse than stable)");
        }
        if (slo.minRequestsPerWindow() != null
                && (slo.minRequestsPerWindow() < 1 || slo.minRequestsPerWindow() > MAX_MIN_REQUESTS_PER_WINDOW)) {
            errors.add("slo.minRequestsPerWindow", "must be between 1 and " + MAX_MIN_REQUESTS_PER_WINDOW);
        }
        Duration interval =
                duration(errors, "slo.interval", slo.interval(), ReleaseValidator.MIN_INTERVAL, MAX_INTERVAL);
        Duration window = duration(errors, "slo.window", slo.window(), ReleaseValidator.MIN_INTERVAL, MAX_WINDOW);
        if (interval != null && window != null && window.compareTo(interval) < 0) {
            errors.add("slo.window", "must not be shorter than slo.interval");
        }
        if (slo.consecutiveFailures() != null
                && (slo.consecutiveFailures() < 1 || slo.consecutiveFailures() > MAX_CONSECUTIVE_FAILURES)) {
            errors.add("slo.consecutiveFailures", "must be between 1 and " + MAX_CONSECUTIVE_FAILURES);
        }
        MetricSourceRules.check(errors, slo.metricSource(), interval, window);
        whenUnjudged(errors, slo);
        podHealth(errors, slo);
    }

    private static boolean unwatched(Slo slo) {
        return slo.metricSource() != null && slo.metricSource().type() == Slo.MetricSource.Type.NONE;
    }

    /**
     * Pod-health limits are the health monitor's to apply, and it watches no pods of an unwatched release.
     * The window's floor keeps one unlucky restart from being a run of them; its ceiling, the failures
     * remembered per release.
     */
    private static void podHealth(Errors errors, Slo slo) {
        Slo.PodHealth pods = slo.podHealth();
        if (pods == null) {
            return;
        }
        if (unwatched(slo)) {
            errors.add(
                    "slo.podHealth",
                    "must not be set when slo.metricSource.type is none: nothing watches the "
                            + "pods of an unwatched release");
            return;
        }
        if (pods.maxFailures() != null && (pods.maxFailures() < 1 || pods.maxFailures() > 100)) {
            errors.add("slo.podHealth.maxFailures", "must be between 1 and 100");
        }
        duration(errors, "slo.podHealth.window", pods.window(), MIN_POD_FAILURE_WINDOW, MAX_POD_FAILURE_WINDOW);
    }

    /**
     * Holding until a verdict only means something when a source judges the release. An unwatched one
     * ({@code none}) never gets a verdict: hold has nothing to wait for, proceed is what it does anyway.
     * Either choice says the requester believes the release is watched, so it is refused, not ignored.
     */
    private static void whenUnjudged(Errors errors, Slo slo) {
        if (slo.whenUnjudged() != null && unwatched(slo)) {
            errors.add(
                    "slo.whenUnjudged",
                    "must not be set when slo.metricSource.type is none: nothing judges an "
                            + "unwatched release, so there is no verdict to wait for");
        }
    }

    private static void latency(Errors errors, String path, Double value) {
        if (value != null && !(value > 0 && value <= MAX_LATENCY_MS)) {
            errors.add(path, "must be above 0 and at most " + (long) MAX_LATENCY_MS + " ms");
        }
    }
}
