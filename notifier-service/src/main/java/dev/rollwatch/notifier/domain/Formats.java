package dev.rollwatch.notifier.domain;

import dev.rollwatch.events.Evidence;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers and times the way people read them in a message. */
public final class Formats {

    /** The health monitor's evidence of failing pods (restarts, crash loops, lost readiness). */
    private static final String POD_FAILURES = "podFailures";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Formats() {}

    /** {@code 0.124} as {@code 12.4%}. */
    public static String percent(double ratio) {
        return plain(ratio * 100, 2) + "%";
    }

    public static String number(double value) {
        return plain(value, 2);
    }

    public static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    /** A measured value in its metric's unit: rates as percentages, latencies in milliseconds. */
    public static String metricValue(String metric, double value) {
        String name = metric == null ? "" : metric.toLowerCase(Locale.ROOT);
        if (name.contains("rate") && !name.contains("request")) {
            return percent(value);
        }
        if (name.contains("latency")) {
            return plain(value, 1) + " ms";
        }
        return number(value);
    }

    /** The limit an evidence was held against: absolute in the metric's unit, relative as a multiple of the baseline. */
    public static String threshold(Evidence evidence) {
        if (evidence.comparison() == Evidence.Comparison.RELATIVE) {
            return number(evidence.threshold()) + "× baseline";
        }
        return metricValue(evidence.metric(), evidence.threshold());
    }

    /**
     * One line describing a measurement, e.g. {@code errorRate 12.4% > 5% over 1m (baseline 0.4%, 1840 requests)},
     * {@code latencyP95 380 ms > 1.5× baseline 40 ms over 1m (500 requests)} for a comparison, or
     * {@code pod failures 3 (limit 3) in 2m, 10 pods} for the new version's failing pods.
     */
    public static String evidenceLine(Evidence evidence) {
        if (podFailures(evidence)) {
            return podFailuresLine(evidence);
        }
        // A relative limit means nothing without what it multiplies: the baseline goes with it.
        boolean relative = evidence.comparison() == Evidence.Comparison.RELATIVE && evidence.baseline() != null;
        StringBuilder line = new StringBuilder()
                .append(evidence.metric())
                .append(' ')
                .append(metricValue(evidence.metric(), evidence.observed()))
                .append(" > ")
                .append(threshold(evidence));
        if (relative) {
            line.append(' ').append(metricValue(evidence.metric(), evidence.baseline()));
        }
        if (evidence.window() != null) {
            line.append(" over ").append(evidence.window());
        }
        line.append(" (");
        if (evidence.baseline() != null && !relative) {
            line.append("baseline ")
                    .append(metricValue(evidence.metric(), evidence.baseline()))
                    .append(", ");
        }
        line.append(count(evidence.samples(), "request")).append(')');
        return line.toString();
    }

    /**
     * Whether an evidence counts the new version's failing pods rather than its requests: its samples
     * are pods, and reaching the limit is the breach.
     */
    static boolean podFailures(Evidence evidence) {
        return POD_FAILURES.equals(evidence.metric());
    }

    private static String podFailuresLine(Evidence evidence) {
        StringBuilder line = new StringBuilder("pod failures ")
                .append(number(evidence.observed()))
                .append(" (limit ")
                .append(number(evidence.threshold()))
                .append(')');
        if (evidence.window() != null) {
            line.append(" in ").append(evidence.window());
        }
        if (evidence.samples() > 0) {
            // No pods known (the Kubernetes API did not answer this time) says nothing worth a number.
            line.append(", ").append(count(evidence.samples(), "pod"));
        }
        return line.toString();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String plain(double value, int scale) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value)
                .setScale(scale, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
