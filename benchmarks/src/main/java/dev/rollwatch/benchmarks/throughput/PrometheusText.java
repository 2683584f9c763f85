package dev.rollwatch.benchmarks.throughput;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads sample values from a Prometheus text exposition page (what Micrometer serves at /q/metrics). */
final class PrometheusText {

    private PrometheusText() {}

    /** Sum of every series of {@code metric} (all label sets); 0 when absent. */
    static double sum(String page, String metric) {
        return series(page, metric).values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    /**
     * The series of {@code metric} by the value of {@code label} (summed over the other labels).
     */
    static Map<String, Double> byLabel(String page, String metric, String label) {
        Map<String, Double> values = new LinkedHashMap<>();
        series(page, metric).forEach((labels, value) -> values.merge(labelValue(labels, label), value, Double::sum));
        return values;
    }

    /** Label set (as written, "" without labels) to value, for the exact metric name. */
    static Map<String, Double> series(String page, String metric) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : page.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            String labels = "";
            if (rest.startsWith("{")) {
                int close = rest.lastIndexOf('}');
                if (close < 0) {
                    continue;
                }
                labels = rest.substring(1, close);
                rest = rest.substring(close + 1);
            } else if (!rest.startsWith(" ")) {
                continue; // another metric that shares the prefix
            }
            String[] parts = rest.trim().split("\\s+");
            try {
                series.put(labels, Double.parseDouble(parts[0]));
            } catch (NumberFormatException e) {
                // Not a sample line.
            }
        }
        return series;
    }

    private static String labelValue(String labels, String label) {
        String key = label + "=\"";
        int at = labels.indexOf(key);
        if (at < 0) {
            return "";
        }
        int start = at + key.length();
        int end = labels.indexOf('"', start);
        return end < 0 ? "" : labels.substring(start, end);
    }
}
