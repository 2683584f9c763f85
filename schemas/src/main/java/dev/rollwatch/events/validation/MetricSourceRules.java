package dev.rollwatch.events.validation;

import static dev.rollwatch.events.validation.FieldFormats.httpUrl;

import dev.rollwatch.events.Slo;
import java.util.List;

/**
 * Where the health monitor reads a release's metrics. Each source type takes its own settings only, so
 * a request never looks configured by a setting nothing reads.
 */
final class MetricSourceRules {

    private static final int MAX_ENDPOINTS = 100;

    private MetricSourceRules() {}

    static void check(Errors errors, Slo.MetricSource source) {
        if (source == null) {
            return;
        }
        if (source.type() == null) {
            errors.add("slo.metricSource.type", "is required: one of prometheus, scrape, none");
            return;
        }
        switch (source.type()) {
            case PROMETHEUS -> prometheus(errors, source);
            case SCRAPE -> {
                endpoints(errors, "slo.metricSource.canaryEndpoints", source.canaryEndpoints());
                endpoints(errors, "slo.metricSource.stableEndpoints", source.stableEndpoints());
                if (source.queries() != null) {
                    errors.add("slo.metricSource.queries", "belongs to the prometheus source");
                }
            }
            case NONE -> unwatchedSourceIsEmpty(errors, source);
        }
    }

    private static void prometheus(Errors errors, Slo.MetricSource source) {
        httpUrl(errors, "slo.metricSource.address", source.address(), false);
        if (source.queries() != null) {
            source.queries().forEach((name, query) -> {
                if (!ReleaseValidator.QUERY_NAMES.contains(name)) {
                    errors.add(
                            "slo.metricSource.queries." + name,
                            "is not a known measurement: one of "
                                    + String.join(
                                            ", ",
                                            ReleaseValidator.QUERY_NAMES.stream()
                                                    .sorted()
                                                    .toList()));
                } else if (query == null || query.isBlank()) {
                    errors.add("slo.metricSource.queries." + name, "must not be empty");
                }
            });
        }
        if (source.canaryEndpoints() != null || source.stableEndpoints() != null) {
            errors.add("slo.metricSource", "canaryEndpoints and stableEndpoints belong to the scrape source");
        }
    }

    /**
     * A {@code none} source that carries settings is a contradiction (a source meant, then switched
     * off?): refused, so nobody believes a release is watched because its request names an address.
     */
    private static void unwatchedSourceIsEmpty(Errors errors, Slo.MetricSource source) {
        String why = "must not be set when slo.metricSource.type is none: an unwatched release has no source to read";
        if (source.address() != null) {
            errors.add("slo.metricSource.address", why);
        }
        if (source.queries() != null) {
            errors.add("slo.metricSource.queries", why);
        }
        if (source.canaryEndpoints() != null) {
            errors.add("slo.metricSource.canaryEndpoints", why);
        }
        if (source.stableEndpoints() != null) {
            errors.add("slo.metricSource.stableEndpoints", why);
        }
    }

    private static void endpoints(Errors errors, String path, List<String> urls) {
        if (urls == null) {
            return;
        }
        if (urls.size() > MAX_ENDPOINTS) {
            errors.add(path, "must not list more than " + MAX_ENDPOINTS + " endpoints");
        }
        for (int i = 0; i < urls.size(); i++) {
            httpUrl(errors, path + "[" + i + "]", urls.get(i), true);
        }
    }
}
