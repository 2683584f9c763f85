package dev.rollwatch.benchmarks.judgement;

import dev.rollwatch.healthmonitor.domain.Verdict;

/**
 * What one seeded run of a scenario ended with.
 *
 * @param rollbackSecond when a breach was reported (seconds since the canary started), or -1
 * @param breach         the breach's summary, or null
 * @param cause          the checks in the breach and the charts that decided them ({@link BreachCause}), or null
 * @param warningSecond  when an unjudged warning was raised, or -1
 * @param verdicts       evaluations by verdict, indexed by {@link Verdict#ordinal()}
 * @param judgeNanos     time spent in the judge and the breach tracker
 */
record RunOutcome(
        int rollbackSecond, String breach, String cause, int warningSecond, long[] verdicts, long judgeNanos) {

    boolean rolledBack() {
        return rollbackSecond >= 0;
    }

    long evaluations() {
        long total = 0;
        for (long n : verdicts) {
            total += n;
        }
        return total;
    }
}
