package dev.rollwatch.healthmonitor.source.prometheus;

import dev.rollwatch.healthmonitor.domain.Metric;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PromQL templates with release variables ({@code {{application}}}, {@code {{namespace}}},
 * {@code {{track}}}, {@code {{version}}}, {@code {{releaseId}}}, {@code {{window}}},
 * {@code {{selector}}}). The built-in queries read the standard HTTP server histogram
 * ({@code http_server_requests_seconds_bucket/_count} with a {@code status} label, as Micrometer,
 * Quarkus and Spring Boot expose it); operators override them in config, releases per release.
 */
public final class PromQlTemplates {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");
    private static final String COUNT = "http_server_requests_seconds_count{ {{selector}} }";
    private static final String ERRORS = "http_server_requests_seconds_count{ {{selector}}, status=~\"5..\" }";
    private static final String BUCKETS = "http_server_requests_seconds_bucket{ {{selector}} }";

    /** Requests per second; errorRate 0..1; latencies in seconds; latency buckets as counts by {@code le}. */
    public static final Map<Metric, String> BUILT_IN = Map.of(
            Metric.REQUEST_RATE, "sum(rate(" + COUNT + "[{{window}}]))",
            // "or vector(0)": with no failed request yet there is no 5xx series at all, and an empty
            // numerator would make the error rate vanish instead of being zero.
            Metric.ERROR_RATE,
                    "(sum(rate(" + ERRORS + "[{{window}}])) or vector(0)) / sum(rate(" + COUNT + "[{{window}}]))",
            Metric.LATENCY_P95, "histogram_quantile(0.95, sum by (le) (rate(" + BUCKETS + "[{{window}}])))",
            Metric.LATENCY_P99, "histogram_quantile(0.99, sum by (le) (rate(" + BUCKETS + "[{{window}}])))",
            Metric.LATENCY_BUCKETS, "sum by (le) (increase(" + BUCKETS + "[{{window}}]))");

    private PromQlTemplates() {}

    /**
     * The templates for a release: built-in, then the operator's overrides, then the release's.
     *
     * @throws IllegalArgumentException for a measurement name that does not exist
     */
    public static Map<Metric, String> templates(Map<String, String> configured, Map<String, String> release) {
        Map<Metric, String> templates = new EnumMap<>(BUILT_IN);
        override(templates, configured, "rollwatch.health.prometheus.queries");
        override(templates, release, "slo.metricSource.queries");
        return templates;
    }

    private static void override(Map<Metric, String> templates, Map<String, String> overrides, String where) {
        if (overrides == null) {
            return;
        }
        overrides.forEach((name, query) -> templates.put(
                Metric.fromKey(name)
                        .orElseThrow(
                                () -> new IllegalArgumentException(where + "." + name + " is not a known measurement")),
                query));
    }

    /**
     * Renders a template. Variables are rendered as given; {@code selector} is itself a template
     * rendered first.
     *
     * @throws IllegalArgumentException for a variable that does not exist, so a typo fails loudly
     *                                  instead of querying for an empty label
     */
    public static String render(String template, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown variable {{" + m.group(1) + "}} in query template; known: "
                        + String.join(", ", variables.keySet().stream().sorted().toList()));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
