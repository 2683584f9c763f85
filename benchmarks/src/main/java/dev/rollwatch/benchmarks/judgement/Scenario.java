package dev.rollwatch.benchmarks.judgement;

import dev.rollwatch.healthmonitor.domain.SloPolicy;

/**
 * One situation the judge is put in, run many times with different seeds.
 *
 * @param id             short name in the tables ("1", "5a", ...)
 * @param name           what it is
 * @param kind           which figure it is about
 * @param setup          the simulated traffic and SLO, for people
 * @param policy         the SLOs the judge holds the canary to
 * @param canary         the new version
 * @param stable         the stable version, or null for no baseline
 * @param seconds        how long a run lasts at most (it stops at the first rollback)
 * @param target         what it must show
 * @param podHealth      whether the judge sees the canary's pods (restarts, readiness, crash loops), as
 *                       it does by default; off where a scenario is about the metrics alone
 * @param runsWeight     runs as a multiple of {@code --judgement-runs}: more where a small rate must be
 *                       shown, fewer where only the verdict mix is of interest
 * @param onsetSecond    when the canary went bad (a regression's start, a crash, a drift crossing its
 *                       limit): detection times count from here, and a rollback before it is early;
 *                       NaN for a canary that should not be rolled back
 */
public record Scenario(
        String id,
        String name,
        Kind kind,
        String setup,
        SloPolicy policy,
        TrackSpec canary,
        TrackSpec stable,
        boolean podHealth,
        int seconds,
        Target target,
        double runsWeight,
        double onsetSecond) {

    /** Which figure a scenario is about. */
    public enum Kind {
        /** A canary that should not be rolled back: the false-rollback rate. */
        FALSE_ROLLBACK,
        /** A canary that goes bad at a known moment: how soon after it is rolled back. */
        DETECTION,
        /** A canary that worsens slowly: when it is rolled back, against when it crossed its limit. */
        DRIFT
    }

    public int runs(int baseRuns) {
        return Math.max(1, (int) Math.round(baseRuns * runsWeight));
    }
}
