package dev.rollwatch.healthmonitor.service;

import dev.rollwatch.healthmonitor.config.HealthConfig;
import dev.rollwatch.healthmonitor.domain.SloPolicy;
import dev.rollwatch.healthmonitor.domain.WarningPolicy;
import jakarta.enterprise.context.ApplicationScoped;

/** The configured defaults as domain values, checked once at startup. */
@ApplicationScoped
public class HealthPolicies {

    private final SloPolicy defaults;
    private final WarningPolicy warnings;

    HealthPolicies(HealthConfig config) {
        HealthConfig.Defaults d = config.defaults();
        this.defaults = new SloPolicy(d.maxErrorRate(), d.maxP95LatencyMs(),
                d.maxP99LatencyMs().isPresent() ? d.maxP99LatencyMs().getAsDouble() : null,
                d.maxRegressionRatio().isPresent() ? d.maxRegressionRatio().getAsDouble() : null,
                d.minRequestsPerWindow(), d.interval(), d.window(), d.consecutiveFailures(),
                config.regression().minErrorRateIncrease(), config.regression().minLatencyIncreaseMs());
        this.warnings = new WarningPolicy(config.warnings().unknownAfter(), config.warnings().insufficientDataAfter(),
                config.warnings().holdOnUnknown(), config.warnings().holdOnInsufficientData());
    }

    public SloPolicy defaults() {
        return defaults;
    }

    public WarningPolicy warnings() {
        return warnings;
    }
}
