package dev.rollwatch.events.validation;

import static dev.rollwatch.events.validation.FieldFormats.httpUrl;

import dev.rollwatch.events.Slo;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where the health monitor reads a release's metrics. Each source type takes its own settings only, so
 * a request never looks configured by a setting nothing reads.
 */
final class MetricSourceRules {

    private static final int MAX_ENDPOINTS = 100;
    /** The longest PromQL template: a real query is a few hundred characters. */
    static final int MAX_QUERY_LENGTH = 4096;
    /**
     * Scrapes of one endpoint one evaluation reads back ({@code slo.window / slo.interval}): the health
     * monitor reloads every stored scrape of the window at every interval. 600 is ten minutes at 1s, or
     * 100 minutes at 10s.
     */
    static final int MAX_SAMPLES_PER_ENDPOINT = 600;
    /**
     * Scrapes one evaluation reads back over the listed endpoints ({@code (canaryEndpoints +
     * stableEndpoints) × window / interval}). Without a bound one release (200 endpoints, 1s, 24h) made
     * every evaluation reload millions of rows and starved every other watch. Endpoints found through
     * Kubernetes (none listed) are the Deployment's pods, unknown here: only the per-endpoint bound
     * applies to them.
     */
    static final int MAX_SCRAPES_PER_EVALUATION = 10_000;
    /** What the budget assumes for an unset interval and window: the health monitor's shipped defaults. */
    private static final Duration ASSUMED_INTERVAL = Duration.ofSeconds(10);

    private static final Duration ASSUMED_WINDOW = Duration.ofMinutes(1);

    private MetricSourceRules() {}

    static void check(Errors errors, Slo.MetricSource source, Duration interval, Duration window) {
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
                scrapeBudget(errors, source, interval, window);
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
            queries(errors, source.queries());
        }
        if (source.canaryEndpoints() != null || source.stableEndpoints() != null) {
            errors.add("slo.metricSource", "canaryEndpoints and stableEndpoints belong to the scrape source");
        }
    }

    private static void queries(Errors errors, Map<String, String> queries) {
        if (queries.size() > ReleaseValidator.QUERY_NAMES.size()) {
            errors.add(
                    "slo.metricSource.queries",
                    "must not name more than " + ReleaseValidator.QUERY_NAMES.size() + " measurements");
            return;
        }
        queries.forEach((name, query) -> {
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
            } else {
                FieldFormats.maxLength(errors, "slo.metricSource.queries." + name, query, MAX_QUERY_LENGTH);
            }
        });
    }

    private static void scrapeBudget(Errors errors, Slo.MetricSource source, Duration interval, Duration window) {
        Duration every = interval != null ? interval : ASSUMED_INTERVAL;
        Duration over = window != null ? window : ASSUMED_WINDOW;
        long samples = Math.max(1, (over.toMillis() + every.toMillis() - 1) / every.toMillis());
        if (samples > MAX_SAMPLES_PER_ENDPOINT) {
            errors.add(
                    "slo.window",
                    "must not exceed " + MAX_SAMPLES_PER_ENDPOINT + " intervals for the scrape source (is " + samples
                            + "): every evaluation reads back each endpoint's scrapes of the whole window");
            return;
        }
        int endpoints = size(source.canaryEndpoints()) + size(source.stableEndpoints());
        if (endpoints * samples > MAX_SCRAPES_PER_EVALUATION) {
            errors.add(
                    "slo.metricSource",
                    "scrapes " + endpoints + " endpoints × " + samples + " intervals per window = "
                            + endpoints * samples + " scrapes per evaluation; at most " + MAX_SCRAPES_PER_EVALUATION
                            + " (list fewer endpoints, or use a longer interval or a shorter window)");
        }
    }

    private static int size(List<String> list) {
        return list == null ? 0 : Math.min(list.size(), MAX_ENDPOINTS);
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
