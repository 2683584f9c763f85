package dev.rollwatch.healthmonitor.domain;

import dev.rollwatch.events.Evidence;
import dev.rollwatch.healthmonitor.domain.SequentialJudge.Outcome;
import dev.rollwatch.healthmonitor.domain.statistics.Cusum;
import java.util.Locale;

/** One line per check for people: what was seen, and the counts and statistic that decided it. */
final class Describe {

    private Describe() {}

    /** A breach: "error rate 12.4% > 5%: 49 of 412 requests failed, likelihood ratio 1.9e+04 (bound 1000)". */
    static String breach(Outcome o) {
        Check c = o.check();
        Cusum.Chart chart = o.alarm().orElseThrow();
        return headline(c) + ": " + counts(c, chart) + ", likelihood ratio " + ratio(chart.logLikelihoodRatio())
                + " against " + against(c) + " (bound " + ratio(o.statistic().bound()) + ")";
    }

    /** A breach both versions share. */
    static String shared(Outcome o) {
        Check c = o.check();
        return name(c.metric()) + " " + format(c.metric(), c.observed()) + " > " + format(c.metric(), c.threshold())
                + " and the stable version is over it too (" + format(c.metric(), c.baseline()) + ")";
    }

    /** Within the limit: "error rate 0.4% (95% upper bound 0.9% < 2%, 1200 requests)". */
    static String within(Outcome o) {
        Check c = o.check();
        Evidence.Statistic s = o.statistic();
        String bound = String.format(
                Locale.ROOT,
                "%.0f%% upper bound %s < %s, %.0f requests",
                SequentialJudge.CONFIDENCE * 100,
                share(o.upperBound()),
                share(s.limitShare()),
                s.requests());
        return name(c.metric()) + " " + format(c.metric(), c.observed()) + " ("
                + (c.metric() == Metric.ERROR_RATE ? "" : "requests " + c.counted() + ": ") + bound
                + (c.comparison() == Evidence.Comparison.RELATIVE && c.metric() == Metric.ERROR_RATE
                        ? ", against " + c.reference().noun()
                        : "")
                + ")";
    }

    /** Neither breached nor confidently within. */
    static String open(Outcome o, SloPolicy policy) {
        Check c = o.check();
        if (c.blocked() != null) {
            return name(c.metric()) + " cannot be judged: " + c.blocked();
        }
        Evidence.Statistic s = o.statistic();
        if (s.requests() < policy.minRequestsPerWindow()) {
            return String.format(
                    Locale.ROOT,
                    "%s: %.0f requests at this step, fewer than the %d needed",
                    name(c.metric()),
                    s.requests(),
                    policy.minRequestsPerWindow());
        }
        return String.format(
                Locale.ROOT,
                "%s %s, %.0f%% upper bound %s is not under %s (%.0f of %.0f requests %s)%s",
                name(c.metric()),
                format(c.metric(), c.observed()),
                SequentialJudge.CONFIDENCE * 100,
                share(o.upperBound()),
                share(s.limitShare()),
                s.events(),
                s.requests(),
                c.counted(),
                c.comparison() == Evidence.Comparison.RELATIVE && c.metric() == Metric.ERROR_RATE
                        ? ", against " + c.reference().noun()
                        : "");
    }

    private static String headline(Check c) {
        if (c.comparison() == Evidence.Comparison.ABSOLUTE) {
            String stable = c.baseline() == null ? "" : " (stable " + format(c.metric(), c.baseline()) + ")";
            return name(c.metric()) + " " + format(c.metric(), c.observed()) + " > " + format(c.metric(), c.threshold())
                    + stable;
        }
        String times = c.baseline() != null && c.baseline() > 0
                ? String.format(Locale.ROOT, "%.1fx", c.observed() / c.baseline())
                : "far above";
        String reference = c.reference() == Check.Reference.STABLE
                ? "stable " + format(c.metric(), c.baseline())
                : "the previous version's " + format(c.metric(), c.baseline()) + " before the switch";
        return String.format(
                Locale.ROOT,
                "%s %s is %s %s (allowed %sx)",
                name(c.metric()),
                format(c.metric(), c.observed()),
                times,
                reference,
                trim(c.threshold()));
    }

    private static String counts(Check c, Cusum.Chart chart) {
        if (c.comparesFailures()) {
            return String.format(
                    Locale.ROOT,
                    "%.0f of the %.0f failures of both versions were the new version's,"
                            + " where failing %sx as often as stable would give %.1f",
                    chart.events(),
                    chart.trials(),
                    trim(c.threshold()),
                    chart.trials() * c.limitShare());
        }
        return String.format(Locale.ROOT, "%.0f of %.0f requests %s", chart.events(), chart.trials(), c.counted());
    }

    private static String against(Check c) {
        return c.comparison() == Evidence.Comparison.RELATIVE && c.metric() == Metric.ERROR_RATE
                ? "the allowed ratio"
                : "the limit";
    }

    /** e^llr for people: 1000, 1.9e+04. */
    static String ratio(double logLikelihoodRatio) {
        double value = Math.exp(Math.min(logLikelihoodRatio, 700));
        return value < 1e4 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2g", value);
    }

    private static String share(double value) {
        return trim(value * 100) + "%";
    }

    static String name(Metric metric) {
        return switch (metric) {
            case REQUEST_RATE -> "request rate";
            case ERROR_RATE -> "error rate";
            case LATENCY_P95 -> "p95 latency";
            case LATENCY_P99 -> "p99 latency";
            case LATENCY_BUCKETS -> "latency histogram";
        };
    }

    /** Error rates as percentages, latencies in milliseconds, as people read them. */
    static String format(Metric metric, Double value) {
        if (value == null || !Double.isFinite(value)) {
            return "n/a";
        }
        return switch (metric) {
            case ERROR_RATE -> trim(value * 100) + "%";
            case LATENCY_P95, LATENCY_P99 -> String.format(Locale.ROOT, "%.0f ms", value);
            case LATENCY_BUCKETS -> String.format(Locale.ROOT, "%.0f observations", value);
            case REQUEST_RATE -> String.format(Locale.ROOT, "%.1f/s", value);
        };
    }

    static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
