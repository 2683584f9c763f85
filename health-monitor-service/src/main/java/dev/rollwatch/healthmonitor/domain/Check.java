package dev.rollwatch.healthmonitor.domain;

import dev.rollwatch.events.Evidence;
import java.util.function.ToDoubleFunction;

/**
 * One check of one evaluation, reduced to what every check is underneath: a share of the new
 * version's outcomes (failed, or slower than a threshold) held against a limit. Built by
 * {@link Checks}; decided by {@link SequentialJudge}.
 *
 * @param key          where its state is kept ({@code errorRate}, {@code latencyP95:relative}, ...)
 * @param metric       what it checks
 * @param comparison   against a fixed limit, or against the stable version
 * @param trials       outcomes in this evaluation's increment, for the sequential test
 * @param events       counted events among them (only those certainly over the threshold)
 * @param limitShare   the share the events are held against in this increment
 * @param requests     the new version's requests in the increment
 * @param step         what the increment adds to the step's counts (possibly-over events, so that
 *                     being within the limit is claimed only when even those stay under it)
 * @param withinLimit  the share the step's upper confidence bound must stay under, from the step's
 *                     counts after this increment
 * @param minOddsRatio the smallest alternative the sequential test looks for
 * @param observed     the new version's value over the window, for people
 * @param baseline     the stable version's value over the window, or null
 * @param threshold    the limit as people read it (a ratio for a comparison with the stable version)
 * @param counted      what an event is, for people: "failed", "slower than 500 ms"
 * @param blocked      why this check cannot say the new version is within its limit, or null
 * @param baselineOver whether the stable version is over the same limit right now: a failure both
 *                     versions share is not the new version's fault
 * @param material     whether the difference is big enough to matter (Kayenta's effect size), for a
 *                     check without an {@code increase} test
 * @param reference    what a comparison is made with (the stable version beside the new one, or
 *                     the previous version before the switch); STABLE for an absolute check
 * @param increase     for the comparison of errors with a stable version, the second test its breach
 *                     needs; null for every other check
 */
record Check(
        String key,
        Metric metric,
        Evidence.Comparison comparison,
        double trials,
        double events,
        double limitShare,
        double requests,
        Step step,
        ToDoubleFunction<JudgeState.Tally> withinLimit,
        double minOddsRatio,
        double observed,
        Double baseline,
        double threshold,
        String counted,
        String blocked,
        boolean baselineOver,
        boolean material,
        Reference reference,
        Increase increase) {

    /**
     * The minimum increase as a test of its own, for the comparison of errors with a stable version: a
     * regression must be both {@code ratio} times and {@code minErrorRateIncrease} worse than the stable
     * version, so a breach needs this test over its bound as well as the comparison's (an
     * intersection-union test: each at the full bound, no correction needed). A point estimate over one
     * window is no such test: ten seconds of a new version at 1% beside a stable one at 0.5% show one
     * point more by chance within minutes.
     *
     * @param trials     the new version's requests in the increment
     * @param events     its failures
     * @param limitShare the stable version's error rate over the window plus the minimum increase
     */
    record Increase(double trials, double events, double limitShare) {}

    /** What the new version is compared with, and how people call it. */
    enum Reference {
        /** The stable version, measured beside the new one over the same time. */
        STABLE("stable"),
        /** The previous version, measured over the window before the switch or update. */
        PRE_SWITCH("the previous version before the switch");

        private final String noun;

        Reference(String noun) {
            this.noun = noun;
        }

        String noun() {
            return noun;
        }
    }

    /**
     * Whether the check counts both versions' failures (the conditional test of two Poisson rates) rather
     * than the new version's requests: only a comparison with a stable version still serving can.
     */
    boolean comparesFailures() {
        return comparison == Evidence.Comparison.RELATIVE
                && metric == Metric.ERROR_RATE
                && reference == Reference.STABLE;
    }

    /**
     * What one increment adds to the step's counts.
     *
     * @param requests         the new version's outcomes
     * @param events           its events, counted generously (possibly over the threshold)
     * @param baselineRequests the stable version's outcomes
     * @param baselineEvents   the stable version's events
     */
    record Step(double requests, double events, double baselineRequests, double baselineEvents) {}
}
