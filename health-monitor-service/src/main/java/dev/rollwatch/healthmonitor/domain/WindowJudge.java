package dev.rollwatch.healthmonitor.domain;

import dev.rollwatch.events.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges one window against the SLOs. The order of the questions is the product's promise: a
 * window the source could not measure is UNKNOWN and one with too little traffic is
 * INSUFFICIENT_DATA before any threshold is looked at, so neither can ever roll a version back.
 */
public final class WindowJudge {

    private WindowJudge() {
    }

    public static WindowVerdict judge(Measurement m, SloPolicy policy) {
        TrackMeasurement canary = m.canary();
        if (canary.failed()) {
            return unjudged(Verdict.UNKNOWN, m, 0, "canary not measurable: " + canary.error());
        }
        if (!Double.isFinite(canary.requests())) {
            return unjudged(Verdict.UNKNOWN, m, 0, "no request data for the canary (the source returned nothing)");
        }
        long samples = canary.requestCount();
        if (canary.requests() < policy.minRequestsPerWindow()) {
            return unjudged(Verdict.INSUFFICIENT_DATA, m, samples, String.format(Locale.ROOT,
                    "%d canary requests in %s, fewer than the %d needed to judge", samples, policy.windowText(),
                    policy.minRequestsPerWindow()));
        }
        if (!Double.isFinite(canary.errorRate())) {
            return unjudged(Verdict.UNKNOWN, m, samples, "canary error rate not measurable (NaN or empty)");
        }
        Checks checks = new Checks(m, policy, samples);
        checks.absolute(Metric.ERROR_RATE, policy.maxErrorRate());
        checks.absolute(Metric.LATENCY_P95, policy.maxP95LatencyMs());
        if (policy.maxP99LatencyMs() != null) {
            checks.absolute(Metric.LATENCY_P99, policy.maxP99LatencyMs());
        }
        if (policy.maxRegressionRatio() != null) {
            checks.relativeToStable();
        }
        return checks.verdict();
    }

    private static WindowVerdict unjudged(Verdict verdict, Measurement m, long samples, String reason) {
        return new WindowVerdict(verdict, m.windowStart(), m.windowEnd(), samples, List.of(), List.of(), reason);
    }

    /** The checks of one judged window. */
    private static final class Checks {
        private final Measurement m;
        private final SloPolicy policy;
        private final long samples;
        private final TrackMeasurement canary;
        private final TrackMeasurement stable;
        private final List<Evidence> evidence = new ArrayList<>();
        private final List<Evidence> breaches = new ArrayList<>();
        private final List<String> broken = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Checks(Measurement m, SloPolicy policy, long samples) {
            this.m = m;
            this.policy = policy;
            this.samples = samples;
            this.canary = m.canary();
            this.stable = usableBaseline(m.stable(), policy);
        }

        /** A stable track with too little traffic of its own is no baseline: its rates are noise. */
        private static TrackMeasurement usableBaseline(TrackMeasurement stable, SloPolicy policy) {
            if (stable == null || stable.failed() || !Double.isFinite(stable.requests())
                    || stable.requests() < policy.minRequestsPerWindow()) {
                return null;
            }
            return stable;
        }

        void absolute(Metric metric, double threshold) {
            double observed = canary.value(metric);
            if (!Double.isFinite(observed)) {
                notes.add(name(metric) + " not measurable");
                return;
            }
            Evidence e = evidence(metric, observed, baseline(metric), threshold, Evidence.Comparison.ABSOLUTE);
            evidence.add(e);
            if (observed > threshold) {
                breaches.add(e);
                String stableNote = e.baseline() == null ? "" : " (stable " + format(metric, e.baseline()) + ")";
                broken.add(name(metric) + " " + format(metric, observed) + " > " + format(metric, threshold)
                        + stableNote);
            }
        }

        void relativeToStable() {
            if (stable == null) {
                notes.add("no stable baseline to compare with");
                return;
            }
            relative(Metric.ERROR_RATE, policy.minErrorRateIncrease());
            relative(Metric.LATENCY_P95, policy.minLatencyIncreaseMs());
            if (policy.maxP99LatencyMs() != null || Double.isFinite(canary.p99Ms())) {
                relative(Metric.LATENCY_P99, policy.minLatencyIncreaseMs());
            }
        }

        private void relative(Metric metric, double minIncrease) {
            double observed = canary.value(metric);
            double baseline = stable.value(metric);
            if (!Double.isFinite(observed) || !Double.isFinite(baseline)) {
                return;
            }
            double ratio = policy.maxRegressionRatio();
            Evidence e = evidence(metric, observed, baseline, ratio, Evidence.Comparison.RELATIVE);
            evidence.add(e);
            if (observed > baseline * ratio && observed - baseline >= minIncrease) {
                breaches.add(e);
                String times = baseline > 0 ? String.format(Locale.ROOT, "%.1fx", observed / baseline) : "far above";
                broken.add(String.format(Locale.ROOT, "%s %s is %s stable %s (allowed %sx)", name(metric),
                        format(metric, observed), times, format(metric, baseline), trim(ratio)));
            }
        }

        private Double baseline(Metric metric) {
            if (stable == null) {
                return null;
            }
            double value = stable.value(metric);
            return Double.isFinite(value) ? value : null;
        }

        private Evidence evidence(Metric metric, double observed, Double baseline, double threshold,
                Evidence.Comparison comparison) {
            return new Evidence(metric.key(), canary.query(metric), policy.windowText(), m.windowStart(), m.windowEnd(),
                    observed, baseline, threshold, comparison, samples);
        }

        WindowVerdict verdict() {
            boolean degraded = !breaches.isEmpty();
            String reason = degraded ? String.join("; ", broken) : "all SLOs met";
            if (!notes.isEmpty()) {
                reason += " (" + String.join("; ", notes) + ")";
            }
            return new WindowVerdict(degraded ? Verdict.DEGRADED : Verdict.HEALTHY, m.windowStart(), m.windowEnd(),
                    samples, evidence, breaches, reason);
        }
    }

    static String name(Metric metric) {
        return switch (metric) {
            case REQUEST_RATE -> "request rate";
            case ERROR_RATE -> "error rate";
            case LATENCY_P95 -> "p95 latency";
            case LATENCY_P99 -> "p99 latency";
        };
    }

    /** Error rates as percentages, latencies in milliseconds, as people read them. */
    public static String format(Metric metric, double value) {
        return switch (metric) {
            case ERROR_RATE -> trim(value * 100) + "%";
            case LATENCY_P95, LATENCY_P99 -> String.format(Locale.ROOT, "%.0f ms", value);
            case REQUEST_RATE -> String.format(Locale.ROOT, "%.1f/s", value);
        };
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
