package dev.rollwatch.healthmonitor.domain.pods;

import dev.rollwatch.events.Slo;
import dev.rollwatch.events.validation.Durations;
import java.time.Duration;

/**
 * When failing pods condemn the new version: the runbooks' "3 failed health checks within 2 minutes".
 *
 * @param maxFailures failures within the window that make a breach
 * @param window      how far back failures count
 */
public record PodPolicy(int maxFailures, Duration window) {

    public PodPolicy {
        if (maxFailures < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("maxFailures must be at least 1 and the window positive");
        }
    }

    /**
     * The loosest pod-health limits a release may ask for: a release may tolerate fewer failures or count
     * them over longer, never more failures or over less time.
     *
     * @param maxFailures most failures a release may tolerate
     * @param minWindow   shortest window a release may count them over
     */
    public record Limits(int maxFailures, Duration minWindow) {}

    /** The release's limits over the defaults, held within the hard limits. */
    public static PodPolicy resolve(Slo.PodHealth wanted, PodPolicy defaults, Limits limits) {
        int failures = wanted != null && wanted.maxFailures() != null ? wanted.maxFailures() : defaults.maxFailures();
        Duration window =
                wanted != null && wanted.window() != null ? Durations.require(wanted.window()) : defaults.window();
        return new PodPolicy(
                Math.min(failures, limits.maxFailures()),
                window.compareTo(limits.minWindow()) < 0 ? limits.minWindow() : window);
    }
}
