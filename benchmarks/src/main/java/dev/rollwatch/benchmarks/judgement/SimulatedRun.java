package dev.rollwatch.benchmarks.judgement;

import dev.rollwatch.healthmonitor.domain.Assessment;
import dev.rollwatch.healthmonitor.domain.BreachTracker;
import dev.rollwatch.healthmonitor.domain.JudgeState;
import dev.rollwatch.healthmonitor.domain.Measurement;
import dev.rollwatch.healthmonitor.domain.SequentialJudge;
import dev.rollwatch.healthmonitor.domain.SloPolicy;
import dev.rollwatch.healthmonitor.domain.TrackMeasurement;
import dev.rollwatch.healthmonitor.domain.Verdict;
import dev.rollwatch.healthmonitor.domain.WarningPolicy;
import dev.rollwatch.healthmonitor.domain.WatchProgress;
import dev.rollwatch.healthmonitor.domain.pods.PodObservation;
import dev.rollwatch.healthmonitor.domain.pods.PodPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * One run of a scenario: the tracks serve and are scraped second by second, and every interval the
 * health monitor's judge and breach tracker decide on the measurement (and on the canary's pods,
 * where the scenario lets the judge see them), with their state carried from one evaluation to the
 * next as the watch carries it. The run stops at the first breach, which is a rollback.
 */
final class SimulatedRun {

    /** The canary's traffic weight; constant, so the whole run is one step. */
    static final int CANARY_WEIGHT = 10;

    static final WarningPolicy WARNINGS =
            new WarningPolicy(Duration.ofMinutes(2), Duration.ofMinutes(10), true, false, false);
    /** The installation's default: 3 pod failures within 2 minutes (rollwatch.health.pods.*). */
    static final PodPolicy PODS = new PodPolicy(3, Duration.ofMinutes(2));

    private static final String POD_SELECTOR = "simulated canary pods";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private SimulatedRun() {}

    static RunOutcome run(Scenario scenario, long seed) {
        SloPolicy policy = scenario.policy();
        SplittableRandom random = new SplittableRandom(seed);
        SimulatedTrack canary = new SimulatedTrack(scenario.canary(), random.split());
        SimulatedTrack stable =
                scenario.stable() == null ? null : new SimulatedTrack(scenario.stable(), random.split());
        ScrapedTrack canaryScrapes =
                new ScrapedTrack(TrackMeasurement.CANARY, scenario.canary().pods());
        ScrapedTrack stableScrapes = stable == null
                ? null
                : new ScrapedTrack(TrackMeasurement.STABLE, scenario.stable().pods());
        Duration window = policy.window();
        // What the scrape source keeps: one window and the scrape before it, with room for a late evaluation.
        Duration keep = window.plus(policy.interval().multipliedBy(3));
        long interval = Math.max(1, policy.interval().toSeconds());

        JudgeState state = JudgeState.START;
        WatchProgress progress = WatchProgress.START;
        long[] verdicts = new long[Verdict.values().length];
        long judgeNanos = 0;
        int warningSecond = -1;
        for (int second = 0; second <= scenario.seconds(); second++) {
            if (second > 0) {
                canary.serve(second);
                if (stable != null) {
                    stable.serve(second);
                }
            }
            if (second % interval != 0) {
                continue;
            }
            // The source scrapes each endpoint when it evaluates, so a scrape is stamped with the evaluation time.
            Instant now = START.plusSeconds(second);
            // As WatchEvaluator does: counted from where the judge last counted (an UNKNOWN window counts nothing).
            Instant previousWindowEnd = state.countedUntil();
            canaryScrapes.record(now, canary.scrape(second), keep);
            TrackMeasurement stableTrack = null;
            if (stable != null) {
                stableScrapes.record(now, stable.scrape(second), keep);
                stableTrack = stableScrapes.measure(now, window, previousWindowEnd);
            }
            Measurement m = new Measurement(
                    now.minus(window), now, window, canaryScrapes.measure(now, window, previousWindowEnd), stableTrack);

            PodObservation pods = scenario.podHealth()
                    ? new PodObservation(POD_SELECTOR, canary.podSnapshots(second, TrackMeasurement.CANARY), null)
                    : PodObservation.NOT_LOOKED;

            long started = System.nanoTime();
            SequentialJudge.Judgement judgement =
                    SequentialJudge.judge(m, pods, policy, PODS, state, previousWindowEnd, CANARY_WEIGHT);
            Assessment assessment = BreachTracker.assess(progress, judgement.verdict(), policy, WARNINGS);
            judgeNanos += System.nanoTime() - started;

            state = judgement.state();
            progress = assessment.progress();
            verdicts[judgement.verdict().verdict().ordinal()]++;
            if (warningSecond < 0 && assessment.warning().isPresent()) {
                warningSecond = second;
            }
            if (assessment.breach().isPresent()) {
                Assessment.Breach breach = assessment.breach().get();
                return new RunOutcome(
                        second,
                        breach.summary(),
                        BreachCause.of(breach.evidence()),
                        warningSecond,
                        verdicts,
                        judgeNanos);
            }
        }
        return new RunOutcome(-1, null, null, warningSecond, verdicts, judgeNanos);
    }
}
