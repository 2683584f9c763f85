package dev.rollwatch.benchmarks.judgement;

import dev.rollwatch.healthmonitor.domain.Verdict;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * What a scenario must show. A rate target is MET only when its 95% upper confidence bound is under
 * it: a handful of runs without a false rollback proves little, and the status says so
 * (INCONCLUSIVE) rather than claiming it.
 *
 * @param text                for people
 * @param maxRollbackRate     highest acceptable share of runs rolled back (0 = never), or NaN
 * @param detectWithinSeconds a detection time at least {@link #DETECTED_SHARE} of the runs must meet, or NaN
 * @param mostly              the verdict that must make up most evaluations, or null
 */
public record Target(String text, double maxRollbackRate, double detectWithinSeconds, Verdict mostly) {

    /** A detection target holds for the 95th percentile: 95% of the runs detect within it. */
    public static final double DETECTED_SHARE = 0.95;

    /** The outcome against the target. */
    public enum Status {
        MET("MET"),
        NOT_MET("NOT MET"),
        INCONCLUSIVE("INCONCLUSIVE (more runs needed)"),
        REPORTED("report only");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static Target rollbacksBelow(double rate) {
        return new Target(
                String.format(Locale.ROOT, "rolled back in < %s of runs", percent(rate)), rate, Double.NaN, null);
    }

    public static Target neverRolledBack() {
        return new Target("never rolled back", 0, Double.NaN, null);
    }

    public static Target detectedWithin(int seconds) {
        return new Target(String.format(Locale.ROOT, "detected within %d s (p95)", seconds), Double.NaN, seconds, null);
    }

    public static Target reportOnly(String text) {
        return new Target(text, Double.NaN, Double.NaN, null);
    }

    /** The same, and most evaluations must also end in {@code verdict}. */
    public Target mostly(Verdict verdict) {
        return new Target(text + ", mostly " + verdict, maxRollbackRate, detectWithinSeconds, verdict);
    }

    /**
     * @param rollbacks    runs rolled back
     * @param runs         runs
     * @param upper95      95% upper confidence bound of the rollback rate
     * @param withinShare  share of runs rolled back within {@link #detectWithinSeconds}
     * @param mostlyShare  share of evaluations that ended in {@link #mostly}
     */
    public Status status(int rollbacks, int runs, double upper95, double withinShare, double mostlyShare) {
        if (mostly != null && !(mostlyShare > 0.5)) {
            return Status.NOT_MET;
        }
        if (!Double.isNaN(detectWithinSeconds)) {
            return withinShare >= DETECTED_SHARE ? Status.MET : Status.NOT_MET;
        }
        if (Double.isNaN(maxRollbackRate)) {
            return mostly != null ? Status.MET : Status.REPORTED;
        }
        if (maxRollbackRate == 0) {
            return rollbacks == 0 ? Status.MET : Status.NOT_MET;
        }
        if (upper95 < maxRollbackRate) {
            return Status.MET;
        }
        return (double) rollbacks / runs >= maxRollbackRate ? Status.NOT_MET : Status.INCONCLUSIVE;
    }

    /** 0.001 as "0.1%": two significant digits, no trailing zeros. */
    static String percent(double share) {
        return new BigDecimal(share * 100)
                        .round(new MathContext(2))
                        .stripTrailingZeros()
                        .toPlainString() + "%";
    }
}
