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

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

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

    /** One line describing a measurement, e.g. {@code errorRate 12.4% > 5% over 1m (baseline 0.4%, 1840 requests)}. */
    public static String evidenceLine(Evidence evidence) {
        StringBuilder line = new StringBuilder()
                .append(evidence.metric()).append(' ')
                .append(metricValue(evidence.metric(), evidence.observed()))
                .append(" > ").append(threshold(evidence));
        if (evidence.window() != null) {
            line.append(" over ").append(evidence.window());
        }
        line.append(" (");
        if (evidence.baseline() != null) {
            line.append("baseline ").append(metricValue(evidence.metric(), evidence.baseline())).append(", ");
        }
        line.append(evidence.samples()).append(" requests)");
        return line.toString();
    }

    private static String plain(double value, int scale) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
