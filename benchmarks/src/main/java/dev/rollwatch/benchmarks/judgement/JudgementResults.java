package dev.rollwatch.benchmarks.judgement;

import java.util.List;

/**
 * The judgement part: the health monitor's judge on seeded synthetic metric series.
 *
 * @param setup                    what every scenario has in common
 * @param seed                     the master seed; the same seed and run counts give the same figures
 * @param baseRuns                 {@code --judgement-runs}: runs of a scenario of weight 1
 * @param threads                  runs simulated at once
 * @param seconds                  wall time of the whole part
 * @param evaluations              judge evaluations over all runs
 * @param judgeMicrosPerEvaluation CPU time of one evaluation of the judge and breach tracker (mean,
 *                                 per thread), without the simulation and the scrape arithmetic
 * @param evaluationsPerSecond     simulated evaluations per wall second, everything included
 * @param scenarios                one per scenario
 * @param notes                    what the figures do not cover
 */
public record JudgementResults(
        String setup,
        long seed,
        int baseRuns,
        int threads,
        double seconds,
        long evaluations,
        double judgeMicrosPerEvaluation,
        double evaluationsPerSecond,
        List<ScenarioResult> scenarios,
        List<String> notes) {}
