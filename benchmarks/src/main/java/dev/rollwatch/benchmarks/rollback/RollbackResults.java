package dev.rollwatch.benchmarks.rollback;

import java.util.List;

/**
 * Time to rollback, per metric source, against the goal and against other tools' documented defaults.
 *
 * @param goalMedianMs  the goal for the scrape source's median
 * @param goalMet       whether the scrape source's median is under it (null if not measured)
 * @param variants      one per metric source
 * @param comparisons   other tools, from their documentation (not measured here)
 */
public record RollbackResults(
        double goalMedianMs, Boolean goalMet, List<RollbackVariant> variants, List<Comparison> comparisons) {

    /**
     * Another tool's time to rollback as its documentation configures it; never measured here.
     *
     * @param tool    the tool
     * @param basis   which documented settings the figure follows from
     * @param seconds the resulting time, roughly
     */
    public record Comparison(String tool, String basis, double seconds) {}

    static final List<Comparison> DOCUMENTED = List.of(
            new Comparison(
                    "Flagger",
                    "documented defaults: canary analysis every 60 s (analysis.interval), built-in "
                            + "request metrics over a 1m window; rollback at the failed-checks threshold",
                    120),
            new Comparison(
                    "Argo Rollouts",
                    "documented background-analysis example: success-rate AnalysisTemplate "
                            + "measured every 5m (interval: 5m), failed after 3 bad measurements (failureLimit: 3)",
                    900));
}
