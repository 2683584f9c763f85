package dev.rollwatch.healthmonitor.config;

import dev.rollwatch.events.validation.ReleaseValidator;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings that only make sense together, checked when the service starts: a combination that cannot
 * work fails the start with the properties named, rather than being quietly corrected at every release.
 */
@ApplicationScoped
public class HealthConfigCheck {

    /** The shortest {@code slo.interval} a release may ask for (the release rules' floor). */
    static final Duration MIN_RELEASE_INTERVAL = ReleaseValidator.MIN_INTERVAL;

    void onStart(@Observes StartupEvent event, HealthConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "The health monitor's configuration cannot work: " + String.join("; ", problems));
        }
    }

    /** Every problem found, one sentence each naming the properties; empty when there is none. */
    static List<String> problems(HealthConfig config) {
        List<String> problems = new ArrayList<>();
        HealthConfig.Defaults defaults = config.defaults();
        HealthConfig.HardLimits limits = config.hardLimits();
        if (defaults.maxErrorRate() > limits.maxErrorRate()) {
            problems.add("rollwatch.health.defaults.max-error-rate (" + defaults.maxErrorRate()
                    + ") is above rollwatch.health.hard-limits.max-error-rate (" + limits.maxErrorRate()
                    + "): raise the hard limit as well, or no release could ever get the default");
        }
        if (defaults.maxP95LatencyMs() > limits.maxP95LatencyMs()) {
            problems.add("rollwatch.health.defaults.max-p95-latency-ms (" + defaults.maxP95LatencyMs()
                    + ") is above rollwatch.health.hard-limits.max-p95-latency-ms (" + limits.maxP95LatencyMs()
                    + "): raise the hard limit as well, or no release could ever get the default");
        }
        exceeds(
                problems,
                "min-requests-per-window",
                defaults.minRequestsPerWindow(),
                "max-min-requests-per-window",
                limits.maxMinRequestsPerWindow());
        exceeds(
                problems,
                "consecutive-failures",
                defaults.consecutiveFailures(),
                "max-consecutive-failures",
                limits.maxConsecutiveFailures());
        exceeds(
                problems,
                "interval",
                defaults.interval().toMillis(),
                "max-interval",
                limits.maxInterval().toMillis());
        exceeds(
                problems,
                "window",
                defaults.window().toMillis(),
                "max-window",
                limits.maxWindow().toMillis());
        exceeds(
                problems,
                "max-regression-ratio",
                defaults.maxRegressionRatio(),
                "max-regression-ratio",
                limits.maxRegressionRatio());
        if (config.pods().maxFailures() > limits.maxPodFailures()) {
            problems.add("rollwatch.health.pods.max-failures is above rollwatch.health.hard-limits.max-pod-failures:"
                    + " raise the hard limit as well, or no release could ever get the default");
        }
        if (config.pods().failureWindow().compareTo(limits.minPodFailureWindow()) < 0) {
            problems.add("rollwatch.health.pods.failure-window is shorter than "
                    + "rollwatch.health.hard-limits.min-pod-failure-window: lower the hard limit as well, or no release"
                    + " could ever get the default");
        }
        if (!(defaults.maxRegressionRatio() >= 1)) {
            problems.add("rollwatch.health.defaults.max-regression-ratio (" + defaults.maxRegressionRatio()
                    + ") is under 1: it would call the new version worse for being as good as its baseline");
        }
        Duration shortest =
                defaults.interval().compareTo(MIN_RELEASE_INTERVAL) < 0 ? defaults.interval() : MIN_RELEASE_INTERVAL;
        Duration timeout = config.scrape().timeout();
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(shortest) >= 0) {
            problems.add("rollwatch.health.scrape.timeout (" + timeout.toMillis() + "ms) must be above zero and "
                    + "shorter than the shortest evaluation interval (" + shortest.toMillis() + "ms: "
                    + (shortest.equals(MIN_RELEASE_INTERVAL)
                            ? "the least a release may ask for"
                            : "rollwatch.health.defaults.interval")
                    + ")");
        }
        return problems;
    }

    private static void exceeds(List<String> problems, String setting, double value, String limit, double max) {
        if (value > max) {
            problems.add("rollwatch.health.defaults." + setting + " is above rollwatch.health.hard-limits." + limit
                    + ": raise the hard limit as well, or no release could ever get the default");
        }
    }
}
