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
 * @param material     whether the difference is big enough to matter (Kayenta's effect size): a
 *                     breach of a comparison with the stable version also needs the new version's
 *                     window to be worse by at least the configured minimum increase
 */
record Check(String key, Metric metric, Evidence.Comparison comparison, double trials, double events,
        double limitShare, double requests, Step step, ToDoubleFunction<JudgeState.Tally> withinLimit,
        double minOddsRatio, double observed, Double baseline, double threshold, String counted, String blocked,
        boolean baselineOver, boolean material) {

    /**
     * What one increment adds to the step's counts.
     *
     * @param requests         the new version's outcomes
     * @param events           its events, counted generously (possibly over the threshold)
     * @param baselineRequests the stable version's outcomes
     * @param baselineEvents   the stable version's events
     */
    record Step(double requests, double events, double baselineRequests, double baselineEvents) {
    }
}
