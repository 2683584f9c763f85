package dev.rollwatch.healthmonitor.domain;

import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.validation.Durations;
import dev.rollwatch.healthmonitor.domain.JudgeState.CheckState;
import dev.rollwatch.healthmonitor.domain.JudgeState.Tally;
import dev.rollwatch.healthmonitor.domain.pods.PodHealthJudge;
import dev.rollwatch.healthmonitor.domain.pods.PodObservation;
import dev.rollwatch.healthmonitor.domain.pods.PodPolicy;
import dev.rollwatch.healthmonitor.domain.statistics.Cusum;
import dev.rollwatch.healthmonitor.domain.statistics.Proportions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Judges the new version on all the evidence gathered so far, not on one window's point estimates.
 * Every check is a share of requests held against a limit ({@link Checks}), and two tests decide it:
 * <ul>
 * <li>a breach: a sequential likelihood-ratio test ({@link Cusum}) over requests no earlier
 * evaluation counted, so judging every second does not multiply false alarms, and a gross failure
 * still crosses its bound within seconds;</li>
 * <li>within the limit: the one-sided {@link #CONFIDENCE} upper bound of the share over the step's
 * requests stays under the limit.</li>
 * </ul>
 * Neither yet is "not decided", and the judge keeps collecting (INSUFFICIENT_DATA). A breach of an
 * absolute limit that the stable version shares is not blamed on the new version unless it is also
 * worse than the stable one. The order of the questions stays the product's promise: a window the
 * source could not measure is UNKNOWN and changes no evidence; one with too little traffic is
 * INSUFFICIENT_DATA unless the evidence gathered before it already decides.
 */
public final class SequentialJudge {

    /** Confidence of the bound that says the new version is within a limit. */
    public static final double CONFIDENCE = 0.95;
    /** A measurement that reached fewer of the new version's endpoints describes the ones that answered. */
    public static final double MIN_COVERAGE = 0.5;
    /** Where a check's {@link Check.Increase} test keeps its evidence: after the check's own key. */
    static final String INCREASE = ":increase";

    private SequentialJudge() {}

    /**
     * What one evaluation decided, and the evidence to carry to the next.
     *
     * @param verdict the verdict, with its evidence and reason
     * @param state   the judge's state after this evaluation
     */
    public record Judgement(WindowVerdict verdict, JudgeState state) {}

    /**
     * @param m                 this evaluation's measurement
     * @param pods              what the Kubernetes API said of the new version's pods
     * @param policy            the SLOs
     * @param podPolicy         how many pod failures in how long condemn the new version
     * @param state             the evidence so far
     * @param previousWindowEnd end of the window whose traffic was counted last ({@link JudgeState#countedUntil}),
     *                          or null; what came before it is counted
     * @param canaryWeight      the new version's current traffic weight (its step)
     */
    public static Judgement judge(
            Measurement m,
            PodObservation pods,
            SloPolicy policy,
            PodPolicy podPolicy,
            JudgeState state,
            Instant previousWindowEnd,
            int canaryWeight) {
        PodHealthJudge.Result podHealth = PodHealthJudge.assess(state.pods(), pods, m.windowEnd(), podPolicy);
        Judgement metrics = judgeMetrics(m, policy, state, previousWindowEnd, canaryWeight);
        JudgeState next = metrics.state().withPods(podHealth.history());
        if (podHealth.breach().isEmpty()) {
            return new Judgement(metrics.verdict(), next);
        }
        // Failing pods condemn the new version whatever its metrics say: a crashed process exports no
        // errors, and a canary nobody can measure is exactly what a crash looks like.
        WindowVerdict v = metrics.verdict();
        Evidence failures = new Evidence(
                "podFailures",
                pods.selector(),
                Durations.format(podPolicy.window()),
                m.windowEnd().minus(podPolicy.window()),
                m.windowEnd(),
                podHealth.count(),
                null,
                podPolicy.maxFailures(),
                Evidence.Comparison.ABSOLUTE,
                pods.known() ? pods.pods().size() : 0,
                null);
        List<Evidence> evidence = new ArrayList<>(List.of(failures));
        evidence.addAll(v.evidence());
        List<Evidence> breaches = new ArrayList<>(List.of(failures));
        breaches.addAll(v.breaches());
        String reason = podHealth.breach().get() + (v.verdict() == Verdict.DEGRADED ? "; " + v.reason() : "");
        return new Judgement(
                new WindowVerdict(
                        Verdict.DEGRADED, v.windowStart(), v.windowEnd(), v.samples(), evidence, breaches, reason),
                next);
    }

    private static Judgement judgeMetrics(
            Measurement m, SloPolicy policy, JudgeState state, Instant previousWindowEnd, int canaryWeight) {
        TrackMeasurement canary = m.canary();
        if (canary.failed()) {
            return unchanged(Verdict.UNKNOWN, m, 0, "canary not measurable: " + canary.error(), state);
        }
        if (!Double.isFinite(canary.requests()) || canary.window() == null) {
            return unchanged(
                    Verdict.UNKNOWN, m, 0, "no request data for the canary (the source returned nothing)", state);
        }
        long samples = canary.requestCount();
        if (canary.coverage().share() < MIN_COVERAGE) {
            return unchanged(
                    Verdict.UNKNOWN,
                    m,
                    samples,
                    String.format(
                            Locale.ROOT,
                            "only %d of %d canary endpoints answered: the measurement would describe only those",
                            canary.coverage().answered(),
                            canary.coverage().total()),
                    state);
        }
        if (canary.requests() > 0 && !Double.isFinite(canary.errorRate())) {
            return unchanged(Verdict.UNKNOWN, m, samples, "canary error rate not measurable (NaN or empty)", state);
        }
        double share = shareOfWindow(m, previousWindowEnd);
        List<Check> checks = Checks.of(
                policy,
                canary.window(),
                increment(canary, share),
                baseline(m.stable(), state.preSwitch(), policy, share));
        boolean sameStep = state.stepWeight() != null && state.stepWeight() == canaryWeight;
        // Every check keeps its evidence, also one not made this time (the stable version unusable for a
        // window); a new step starts the counts of all of them again.
        Map<String, CheckState> next = new HashMap<>();
        state.checks().forEach((key, s) -> next.put(key, sameStep ? s : new CheckState(s.cusum(), Tally.ZERO)));
        List<Outcome> outcomes = new ArrayList<>();
        for (Check check : checks) {
            CheckState before = next.get(check.key());
            Cusum cusum = before != null ? before.cusum() : Cusum.start(Math.max(check.minOddsRatio(), 1.05));
            Tally step = before != null ? before.step() : Tally.ZERO;
            CheckState after = new CheckState(
                    cusum.add(check.trials(), check.events(), check.limitShare(), check.requests()),
                    step.plus(
                            check.step().requests(),
                            check.step().events(),
                            check.step().baselineRequests(),
                            check.step().baselineEvents()));
            next.put(check.key(), after);
            boolean material = check.material();
            if (check.increase() != null) {
                // One chart: this test only has to tell the minimum increase apart; the comparison's
                // charts are the fast ones, and a breach needs both.
                CheckState was = next.get(check.key() + INCREASE);
                Cusum increase = (was != null ? was.cusum() : Cusum.single(Checks.ABSOLUTE_ODDS))
                        .add(
                                check.increase().trials(),
                                check.increase().events(),
                                check.increase().limitShare(),
                                check.requests());
                next.put(check.key() + INCREASE, new CheckState(increase, Tally.ZERO));
                material = increase.alarm(policy.minRequestsPerWindow()).isPresent();
            }
            outcomes.add(Outcome.of(check, after, material, policy));
        }
        Decision decision = Decision.of(m, policy, samples, outcomes);
        for (String key : decision.shared()) {
            // Evidence gathered while both versions failed says nothing about the new one; kept, it
            // would convict the new version the moment the stable one recovered first.
            CheckState s = next.get(key);
            next.put(key, new CheckState(Cusum.start(s.cusum().charts().get(0).oddsRatio()), s.step()));
        }
        return new Judgement(
                decision.verdict(), new JudgeState(canaryWeight, next, state.pods(), m.windowEnd(), state.preSwitch()));
    }

    /**
     * What the new version is compared with: the previous version as measured before a blue-green switch
     * or rolling update, or else the stable version serving beside it; null when neither is there. A
     * stable track with too little traffic of its own is no baseline: its rates are noise.
     */
    private static Checks.Baseline baseline(
            TrackMeasurement stable, PreSwitchBaseline preSwitch, SloPolicy policy, double share) {
        if (preSwitch != null) {
            // A strategy that switched all the traffic at once: the old pods may still run, and their
            // sliding window still holds the traffic from before the switch, but they serve nobody now.
            return new Checks.Baseline(preSwitch.window(), null);
        }
        if (stable != null
                && !stable.failed()
                && stable.window() != null
                && Double.isFinite(stable.requests())
                && stable.requests() >= policy.minRequestsPerWindow()) {
            return new Checks.Baseline(stable.window(), increment(stable, share));
        }
        return preSwitch == null ? null : new Checks.Baseline(preSwitch.window(), null);
    }

    /**
     * The part of the window no earlier evaluation saw, for a source that reports only whole windows:
     * consecutive windows overlap, and counting each in full would count the same requests again.
     */
    private static double shareOfWindow(Measurement m, Instant previousWindowEnd) {
        if (previousWindowEnd == null || !previousWindowEnd.isAfter(m.windowStart())) {
            return 1;
        }
        long windowMillis = Math.max(1, m.window().toMillis());
        long newMillis =
                Math.max(0, Duration.between(previousWindowEnd, m.windowEnd()).toMillis());
        return Math.min(1, (double) newMillis / windowMillis);
    }

    private static Traffic increment(TrackMeasurement track, double shareOfWindow) {
        return track.fresh() != null ? track.fresh() : track.window().scaled(shareOfWindow);
    }

    private static Judgement unchanged(Verdict verdict, Measurement m, long samples, String reason, JudgeState state) {
        return new Judgement(
                new WindowVerdict(verdict, m.windowStart(), m.windowEnd(), samples, List.of(), List.of(), reason),
                state);
    }

    /**
     * What one check concluded.
     *
     * @param check      the check
     * @param material   whether the difference is big enough to matter: {@link Check#material}, or the
     *                   check's {@link Check.Increase} test over its bound
     * @param alarm      the chart over its bound, if any
     * @param upperBound upper confidence bound of the step's share
     * @param within     whether the step's share is confidently within the limit
     * @param statistic  the test that decided, or the bound that did not yet
     */
    record Outcome(
            Check check,
            boolean material,
            Optional<Cusum.Chart> alarm,
            double upperBound,
            boolean within,
            Evidence.Statistic statistic) {

        static Outcome of(Check check, CheckState state, boolean material, SloPolicy policy) {
            Optional<Cusum.Chart> alarm = state.cusum().alarm(policy.minRequestsPerWindow());
            Tally step = state.step();
            double upper = Proportions.upperBound(step.events(), step.requests(), CONFIDENCE);
            double limit = check.withinLimit().applyAsDouble(step);
            boolean within =
                    check.blocked() == null && step.requests() >= policy.minRequestsPerWindow() && upper < limit;
            Evidence.Statistic statistic = alarm.map(
                            chart -> sequential(check, chart, state.cusum().bound(chart)))
                    .orElseGet(() -> bound(check, state, upper, limit));
            return new Outcome(check, material, alarm, upper, within, statistic);
        }

        private static Evidence.Statistic sequential(Check check, Cusum.Chart chart, double bound) {
            boolean failures = check.comparesFailures();
            return new Evidence.Statistic(
                    Evidence.Statistic.Test.SEQUENTIAL_LIKELIHOOD_RATIO,
                    failures ? chart.requests() : chart.trials(),
                    chart.events(),
                    null,
                    failures ? chart.trials() - chart.events() : null,
                    check.limitShare(),
                    chart.oddsRatio(),
                    round(chart.logLikelihoodRatio()),
                    round(bound),
                    null,
                    null);
        }

        private static Evidence.Statistic bound(Check check, CheckState state, double upper, double limit) {
            Tally step = state.step();
            Cusum.Chart strongest = state.cusum().strongest();
            boolean compared = step.baselineRequests() > 0;
            double held = Double.isFinite(limit) ? Math.min(1, Math.max(0, limit)) : check.limitShare();
            return new Evidence.Statistic(
                    Evidence.Statistic.Test.CONFIDENCE_BOUND,
                    step.requests(),
                    step.events(),
                    compared ? step.baselineRequests() : null,
                    compared ? step.baselineEvents() : null,
                    Double.isFinite(held) ? held : 0,
                    strongest.oddsRatio(),
                    round(strongest.logLikelihoodRatio()),
                    round(state.cusum().bound(strongest)),
                    round(upper),
                    CONFIDENCE);
        }

        private static double round(double value) {
            return Math.round(value * 10000) / 10000.0;
        }
    }
}
