package dev.rollwatch.system.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds the queries of dashboards and alert rules to what the services expose: every metric a query
 * selects must exist with the type its use needs, a histogram bucket it pins ({@code le="300.0"})
 * must exist, and a label it matches on or groups by must be one the series carry. A query that fails
 * any of these shows an empty panel or an alert that can never fire, and nothing else says so.
 */
final class MetricCoverage {

    /** Labels Prometheus adds to every series of a target the ServiceMonitor finds. */
    static final Set<String> TARGET_LABELS =
            Set.of("job", "instance", "namespace", "service", "pod", "container", "endpoint");

    private static final List<String> SERIES_SUFFIXES = List.of("_bucket", "_count", "_sum", "_total");

    /** A query and where it is used (a panel's title, an alert's name), for the report. */
    record Query(String where, String expression) {}

    private MetricCoverage() {}

    /** What is wrong, one line each; empty when every query is served. */
    static List<String> problems(List<Query> queries, Exposition scrape) {
        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            List<MetricUse> uses;
            try {
                uses = PromQlParser.uses(query.expression());
            } catch (PromQlException e) {
                problems.add(query.where() + ": unreadable query: " + e.getMessage());
                continue;
            }
            for (MetricUse use : uses) {
                // Colons are reserved for the names recording rules give their results: no service exposes them.
                if (!use.name().contains(":")) {
                    problems(use, scrape).forEach(problem -> problems.add(query.where() + ": " + problem));
                }
            }
        }
        return problems;
    }

    static List<String> problems(MetricUse use, Exposition scrape) {
        String series = use.name();
        Optional<Exposition.Family> family = scrape.familyOf(series);
        if (family.isEmpty()) {
            return List.of(series + " is exposed by no service" + hint(series, scrape));
        }
        List<String> problems = new ArrayList<>();
        if (!fits(use.need(), series, family.get())) {
            problems.add(series + " must be " + use.need().description + " for this query, but it is of the "
                    + family.get().type() + " " + family.get().name());
        }
        List<Map<String, String>> samples = scrape.samples(series);
        use.equalities().forEach((label, value) -> {
            if (label.equals("le")) {
                if (samples.stream().noneMatch(s -> value.equals(s.get("le")))) {
                    problems.add(
                            series + " has no bucket le=\"" + value + "\"; its bounds are " + values(samples, "le"));
                }
            } else if (!carries(samples, label)) {
                problems.add(series + " is matched on " + label + ", a label none of its series has");
            }
        });
        for (String label : use.groupedBy()) {
            if (!carries(samples, label)) {
                problems.add(series + " is grouped by " + label + ", a label none of its series has");
            }
        }
        return problems;
    }

    private static boolean fits(Need need, String series, Exposition.Family family) {
        String type = family.type();
        boolean histogramOrSummary = type.equals("histogram") || type.equals("summary");
        return switch (need) {
            case HISTOGRAM_BUCKETS -> type.equals("histogram") && series.endsWith("_bucket");
            case COUNTER ->
                type.equals("counter")
                        || histogramOrSummary
                                && (series.endsWith("_count") || series.endsWith("_sum") || series.endsWith("_bucket"));
            case GAUGE -> type.equals("gauge") || type.equals("untyped");
            case ANY -> true;
        };
    }

    private static boolean carries(List<Map<String, String>> samples, String label) {
        return TARGET_LABELS.contains(label) || samples.stream().anyMatch(s -> s.containsKey(label));
    }

    private static Set<String> values(List<Map<String, String>> samples, String label) {
        Set<String> values = new TreeSet<>();
        samples.forEach(s -> Optional.ofNullable(s.get(label)).ifPresent(values::add));
        return values;
    }

    /** Names the family a missing series would belong to, if there is one: it is then of another type. */
    private static String hint(String series, Exposition scrape) {
        for (String suffix : SERIES_SUFFIXES) {
            if (series.endsWith(suffix)) {
                String base = series.substring(0, series.length() - suffix.length());
                Optional<Exposition.Family> family = scrape.family(base);
                if (family.isPresent()) {
                    return " (" + base + " is a " + family.get().type() + ")";
                }
            }
        }
        return "";
    }
}
