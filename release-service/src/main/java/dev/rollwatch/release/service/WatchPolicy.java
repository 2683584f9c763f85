package dev.rollwatch.release.service;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.WatchCoverage;
import dev.rollwatch.events.validation.FieldError;
import dev.rollwatch.release.config.ReleaseConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * No release goes unjudged by accident: a request that leaves its metric source to an installation
 * that has none would be rolled out without any verdict and never rolled back, so the API refuses it
 * unless it accepts that explicitly ({@code slo.metricSource.type: none}). Releases that are
 * unwatched either way are marked so when registered.
 */
@ApplicationScoped
public class WatchPolicy {

    static final String FIELD = "slo.metricSource";

    private final Slo.MetricSource.Type installationDefault;

    @Inject
    WatchPolicy(ReleaseConfig config) {
        this(config.defaultMetricSource());
    }

    WatchPolicy(Slo.MetricSource.Type installationDefault) {
        this.installationDefault = installationDefault;
    }

    public WatchCoverage coverageOf(ReleaseRequested request) {
        return WatchCoverage.of(request.slo(), installationDefault);
    }

    /** Why the API refuses the request, naming the field and how to fix it; empty when it may be released. */
    public Optional<FieldError> refusal(ReleaseRequested request) {
        if (coverageOf(request) != WatchCoverage.UNWATCHED_WITHOUT_SOURCE) {
            return Optional.empty();
        }
        return Optional.of(new FieldError(
                FIELD,
                "is required: this installation has no default metric source "
                        + "(ROLLWATCH_HEALTH_DEFAULT_SOURCE is none), so nothing would judge this release or roll it back "
                        + "automatically. Name a source (type prometheus with its address, or scrape), or set "
                        + "slo.metricSource.type to none to accept an unwatched release"));
    }
}
