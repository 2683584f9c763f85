package dev.rollwatch.healthmonitor.service;

import dev.rollwatch.events.Slo;
import dev.rollwatch.healthmonitor.config.HealthConfig;
import dev.rollwatch.healthmonitor.domain.SloPolicy;
import dev.rollwatch.healthmonitor.domain.WarningPolicy;
import dev.rollwatch.healthmonitor.domain.pods.PodPolicy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The configured defaults as domain values. A default looser than its hard limit never gets here:
 * {@link dev.rollwatch.healthmonitor.config.HealthConfigCheck} fails the start first.
 */
@ApplicationScoped
public class HealthPolicies {

    private final SloPolicy defaults;
    private final WarningPolicy warnings;
    private final SloPolicy.HardLimits limits;
    private final PodPolicy pods;
    private final PodPolicy.Limits podLimits;

    HealthPolicies(HealthConfig config) {
        HealthConfig.Defaults d = config.defaults();
        this.defaults = new SloPolicy(
                d.maxErrorRate(),
                d.maxP95LatencyMs(),
                d.maxP99LatencyMs().isPresent() ? d.maxP99LatencyMs().getAsDouble() : null,
                d.maxRegressionRatio(),
                d.minRequestsPerWindow(),
                d.interval(),
                d.window(),
                d.consecutiveFailures(),
                config.regression().minErrorRateIncrease(),
                config.regression().minLatencyIncreaseMs());
        HealthConfig.HardLimits h = config.hardLimits();
        this.limits = new SloPolicy.HardLimits(
                h.maxErrorRate(),
                h.maxP95LatencyMs(),
                h.maxMinRequestsPerWindow(),
                h.maxConsecutiveFailures(),
                h.maxInterval(),
                h.maxWindow(),
                h.maxRegressionRatio());
        this.warnings = new WarningPolicy(
                config.warnings().unknownAfter(),
                config.warnings().insufficientDataAfter(),
                config.warnings().holdOnUnknown(),
                config.warnings().holdOnInsufficientData(),
                false);
        this.pods = new PodPolicy(config.pods().maxFailures(), config.pods().failureWindow());
        this.podLimits = new PodPolicy.Limits(h.maxPodFailures(), h.minPodFailureWindow());
    }

    /** A release's SLOs: its own where set, the defaults elsewhere, never looser than the hard limits. */
    public SloPolicy forRelease(Slo slo) {
        return SloPolicy.resolve(slo, defaults, limits);
    }

    public WarningPolicy warnings() {
        return warnings;
    }

    /** The warnings of a release, with what it chose to happen when it cannot be judged. */
    public WarningPolicy warnings(Slo.WhenUnjudged choice) {
        return choice == Slo.WhenUnjudged.ROLLBACK ? warnings.rollingBack() : warnings;
    }

    public PodPolicy pods() {
        return pods;
    }

    /** A release's pod-health limits: its own where set, the defaults elsewhere, never looser than the hard limits. */
    public PodPolicy podsForRelease(Slo slo) {
        return PodPolicy.resolve(slo == null ? null : slo.podHealth(), pods, podLimits);
    }
}
