package dev.rollwatch.healthmonitor.domain;

import static dev.rollwatch.healthmonitor.domain.Measurements.canary;
import static dev.rollwatch.healthmonitor.domain.Measurements.perSecond;
import static dev.rollwatch.healthmonitor.domain.Measurements.stable;
import static dev.rollwatch.healthmonitor.domain.Measurements.traffic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Evidence;
import dev.rollwatch.healthmonitor.domain.pods.PodObservation;
import dev.rollwatch.healthmonitor.domain.pods.PodPolicy;
import dev.rollwatch.healthmonitor.domain.pods.PodSnapshot;
import dev.rollwatch.healthmonitor.domain.statistics.Cusum;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class SequentialJudgeTest {

    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");
    private static final PodPolicy PODS = new PodPolicy(3, Duration.ofMinutes(2));

    /** One evaluation a second, each with the second's traffic and the 10 s window's, as the scrape source gives. */
    private static final class Feed {
        final SloPolicy policy;
        final Deque<Traffic> canarySeconds = new ArrayDeque<>();
        final Deque<Traffic> stableSeconds = new ArrayDeque<>();
        final List<WindowVerdict> verdicts = new ArrayList<>();
        JudgeState state = JudgeState.START;
        Instant previous;
        Instant at = T0;
        int weight = 10;

        Feed(SloPolicy policy) {
            this.policy = policy;
        }

        /** {@code seconds} evaluations; canary and stable traffic per second by second number. */
        Feed run(int seconds, IntFunction<Traffic> canarySecond, IntFunction<Traffic> stableSecond) {
            for (int s = 0; s < seconds; s++) {
                at = at.plusSeconds(1);
                Traffic c = canarySecond.apply(verdicts.size());
                Traffic st = stableSecond == null ? null : stableSecond.apply(verdicts.size());
                push(canarySeconds, c);
                TrackMeasurement stableTrack = null;
                if (st != null) {
                    push(stableSeconds, st);
                    stableTrack = stable(sum(stableSeconds), st);
                }
                Measurement m = new Measurement(
                        at.minus(policy.window()), at, policy.window(), canary(sum(canarySeconds), c), stableTrack);
                judge(m);
            }
            return this;
        }

        Feed run(int seconds, IntFunction<Traffic> canarySecond) {
            return run(seconds, canarySecond, null);
        }

        WindowVerdict judge(Measurement m) {
            SequentialJudge.Judgement j =
                    SequentialJudge.judge(m, PodObservation.NOT_LOOKED, policy, PODS, state, previous, weight);
            state = j.state();
            previous = m.windowEnd();
            verdicts.add(j.verdict());
            return j.verdict();
        }

        private void push(Deque<Traffic> seconds, Traffic t) {
            seconds.addLast(t);
            while (seconds.size() > policy.window().toSeconds()) {
                seconds.removeFirst();
            }
        }

        private static Traffic sum(Deque<Traffic> seconds) {
            return seconds.stream().reduce(Traffic.NONE, Traffic::plus);
        }

        /** Seconds until the first DEGRADED verdict, or -1. */
        int firstDegraded() {
            for (int i = 0; i < verdicts.size(); i++) {
                if (verdicts.get(i).verdict() == Verdict.DEGRADED) {
                    return i + 1;
                }
            }
            return -1;
        }

        WindowVerdict last() {
            return verdicts.get(verdicts.size() - 1);
        }

        long count(Verdict verdict) {
            return verdicts.stream().filter(v -> v.verdict() == verdict).count();
        }
    }

    /** {@code errorsPerThousand} failures per 1000 requests, spread evenly: a canary exactly at a rate, no luck. */
    private static IntFunction<Traffic> steady(int perSecond, int errorsPerThousand) {
        return s -> {
            long before = (long) s * perSecond * errorsPerThousand / 1000;
            long after = (long) (s + 1) * perSecond * errorsPerThousand / 1000;
            return traffic(perSecond, after - before);
        };
    }

    @Test
    void aGrossErrorRegressionIsDegradedWithinSecondsWithItsCountsAndLikelihoodRatio() {
        Feed feed = new Feed(perSecond(0.02, 500, null)).run(10, steady(50, 100));

        assertThat(feed.firstDegraded()).isBetween(1, 4);
        WindowVerdict degraded = feed.verdicts.get(feed.firstDegraded() - 1);
        Evidence errors = degraded.breaches().get(0);
        assertThat(errors.metric()).isEqualTo("errorRate");
        assertThat(errors.statistic().test()).isEqualTo(Evidence.Statistic.Test.SEQUENTIAL_LIKELIHOOD_RATIO);
        assertThat(errors.statistic().logLikelihoodRatio()).isGreaterThanOrEqualTo(Cusum.BOUND - 1e-3);
        assertThat(errors.statistic().events()).isPositive();
        assertThat(errors.statistic().requests()).isGreaterThanOrEqualTo(50);
        assertThat(degraded.reason())
                .startsWith("error rate 10% > 2%: ")
                .contains(" requests failed, likelihood ratio ");
    }

    @Test
    void aCanaryAtThreeQuartersOfItsLimitIsNeverDegradedAndEndsHealthy() {
        Feed feed = new Feed(perSecond(0.02, 500, null)).run(600, steady(50, 15));

        assertThat(feed.count(Verdict.DEGRADED)).isZero();
        assertThat(feed.last().verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(feed.last().reason())
                .startsWith("all SLOs met: error rate ")
                .contains("< 2%, 30000 requests)", "p95 latency 99 ms (requests slower than 500 ms: 95% upper bound ");
        Evidence errors = feed.last().evidence().get(0);
        assertThat(errors.statistic().test()).isEqualTo(Evidence.Statistic.Test.CONFIDENCE_BOUND);
        assertThat(errors.statistic().upperBound()).isLessThan(0.02);
        assertThat(errors.statistic().requests()).isEqualTo(30_000);
    }

    @Test
    void aCanaryNearItsLimitIsNotYetDecidedUntilTheEvidenceIsEnough() {
        Feed feed = new Feed(perSecond(0.02, 500, null)).run(5, steady(50, 15));

        assertThat(feed.last().verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(feed.last().reason())
                .startsWith("not yet decided: error rate ")
                .contains("95% upper bound ", " is not under 2% (3 of 250 requests failed)");
    }

    @Test
    void oneFailedRequestAmongFewerThanTheMinimumNeverDegrades() {
        Feed feed = new Feed(perSecond(0.02, 500, 1.5))
                .run(120, s -> s == 3 ? traffic(1, 1) : traffic(s % 2, 0), s -> traffic(450, 0));

        assertThat(feed.count(Verdict.DEGRADED)).isZero();
        assertThat(feed.last().verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(feed.last().reason()).contains("fewer than the 50 needed to judge");
    }

    @Test
    void aLowTrafficCanaryThatFailsOftenIsDegradedOnceEnoughRequestsAreCounted() {
        // 2 requests a second, half failing: no 10 s window ever holds 50 requests, the evidence does.
        Feed feed = new Feed(perSecond(0.02, 500, null)).run(60, s -> traffic(2, 1));

        assertThat(feed.firstDegraded()).isBetween(25, 40);
    }

    @Test
    void overlappingWindowsOfASourceWithoutIncrementsAreCountedOnce() {
        SloPolicy policy = perSecond(0.02, 500, null);
        Feed feed = new Feed(policy);
        Traffic window = traffic(500, 5);
        for (int s = 1; s <= 3; s++) {
            Instant end = T0.plusSeconds(s);
            // What Prometheus gives: the whole window each time, no increment.
            feed.judge(new Measurement(
                    end.minus(policy.window()),
                    end,
                    policy.window(),
                    TrackMeasurement.of(TrackMeasurement.CANARY, window, null, Measurements.QUERIES, null),
                    null));
        }

        Evidence errors = feed.last().evidence().get(0);
        assertThat(errors.statistic().requests())
                .as("one full window, then a tenth of it per second")
                .isCloseTo(600, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aFailureBothVersionsShareIsNotBlamedOnTheNewVersion() {
        Feed feed = new Feed(perSecond(0.05, 500, null)).run(300, steady(50, 80), steady(450, 80));

        assertThat(feed.count(Verdict.DEGRADED)).isZero();
        assertThat(feed.verdicts).anySatisfy(v -> {
            assertThat(v.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(v.reason()).contains("stable version is over it too", "a failure both versions share");
        });
    }

    @Test
    void aNewVersionMuchWorseThanAFailingStableOneIsStillDegraded() {
        Feed feed = new Feed(perSecond(0.05, 500, null)).run(30, steady(50, 400), steady(450, 60));

        assertThat(feed.firstDegraded()).isBetween(1, 10);
    }

    @Test
    void aSharedFailureLeavesNoEvidenceBehindWhenTheStableVersionRecoversFirst() {
        Feed feed = new Feed(perSecond(0.05, 500, null))
                .run(60, steady(50, 80), steady(450, 80))
                .run(60, steady(50, 5), steady(450, 5));

        assertThat(feed.count(Verdict.DEGRADED)).isZero();
    }

    @Test
    void theRatioOfTwoNoisyRatesIsNoEvidence() {
        // The shared-dependency case: both versions at 3%, a relative-only SLO.
        Feed feed = new Feed(perSecond(0.05, 500, 1.5)).run(600, steady(50, 30), steady(450, 30));

        assertThat(feed.count(Verdict.DEGRADED)).isZero();
    }

    @Test
    void aNewVersionFailingExactlyLikeTheStableOneIsNotRolledBackInThirtyNoisyTenMinuteRuns() {
        java.util.Random random = new java.util.Random(7);
        IntFunction<Traffic> canary = s -> noisy(random, 50, 0.03);
        IntFunction<Traffic> stable = s -> noisy(random, 450, 0.03);
        for (int run = 0; run < 30; run++) {
            Feed feed = new Feed(perSecond(0.05, 500, 1.5)).run(600, canary, stable);

            assertThat(feed.count(Verdict.DEGRADED))
                    .as(
                            "run %d: %s",
                            run,
                            feed.verdicts.stream()
                                    .filter(v -> v.verdict() == Verdict.DEGRADED)
                                    .findFirst()
                                    .map(WindowVerdict::reason)
                                    .orElse(""))
                    .isZero();
        }
    }

    @Test
    void twiceTheStableErrorRateButHalfAPointMoreIsNoRegressionInNoisyTenMinuteRuns() {
        // The SLO's own example of "twice as bad and still healthy": 1% beside 0.5%. Ten seconds of it show
        // a point more by chance every few minutes; the minimum increase is tested, not read off one window.
        java.util.Random random = new java.util.Random(11);
        for (int run = 0; run < 10; run++) {
            Feed feed = new Feed(perSecond(0.05, 500, 1.5))
                    .run(600, s -> noisy(random, 50, 0.01), s -> noisy(random, 450, 0.005));

            assertThat(feed.count(Verdict.DEGRADED))
                    .as(
                            "run %d: %s",
                            run,
                            feed.verdicts.stream()
                                    .filter(v -> v.verdict() == Verdict.DEGRADED)
                                    .findFirst()
                                    .map(WindowVerdict::reason)
                                    .orElse(""))
                    .isZero();
        }
    }

    @Test
    void aRegressionBothTimesAndAPointWorseThanTheStableVersionIsDegradedWithinSeconds() {
        // 5% beside 0.5%: ten times and 4.5 points worse. Both tests cross their bound within a few seconds.
        Feed feed = new Feed(perSecond(0.2, 5000, 1.5)).run(60, steady(50, 50), steady(450, 5));

        assertThat(feed.firstDegraded()).isBetween(1, 15);
        assertThat(feed.verdicts.get(feed.firstDegraded() - 1).breaches()).isNotEmpty();
    }

    /** A second of Poisson traffic with binomial failures. */
    private static Traffic noisy(java.util.Random random, double perSecond, double errorRate) {
        int requests = (int) Math.round(Math.max(0, perSecond + random.nextGaussian() * Math.sqrt(perSecond)));
        int errors = 0;
        for (int i = 0; i < requests; i++) {
            errors += random.nextDouble() < errorRate ? 1 : 0;
        }
        return traffic(requests, errors);
    }

    @Test
    void aSignificantButTinyDifferenceFromTheStableVersionIsNoRegression() {
        // 4.5 times the stable error rate, beyond doubt at this traffic, but 0.7 percentage points.
        Feed feed = new Feed(perSecond(0.05, 500, 1.5)).run(300, steady(500, 9), steady(4500, 2));

        assertThat(feed.count(Verdict.DEGRADED)).isZero();
        assertThat(feed.state
                        .checks()
                        .get("errorRate:relative")
                        .cusum()
                        .strongest()
                        .logLikelihoodRatio())
                .as("the test alone would have convicted")
                .isGreaterThan(Cusum.BOUND);
    }

    @Test
    void aRegressionAgainstTheStableVersionIsDegradedWithBothVersionsCounts() {
        Feed feed = new Feed(perSecond(0.2, 5000, 1.5)).run(60, steady(50, 50), steady(450, 5));

        assertThat(feed.firstDegraded()).isBetween(1, 30);
        Evidence relative =
                feed.verdicts.get(feed.firstDegraded() - 1).breaches().get(0);
        assertThat(relative.comparison()).isEqualTo(Evidence.Comparison.RELATIVE);
        assertThat(relative.statistic().baselineEvents()).isNotNull();
        // Held at the allowed ratio: failing 1.5 times as often on 50 of 500 requests a second.
        assertThat(relative.statistic().limitShare()).isCloseTo(75.0 / 525, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(feed.verdicts.get(feed.firstDegraded() - 1).reason())
                .contains("failures of both versions were the new version's");
    }

    /** A blue-green release after its switch: the previous version's window before it, no stable beside it. */
    private static Feed switchedAfter(SloPolicy policy, Traffic previousWindow) {
        Feed feed = new Feed(policy);
        feed.weight = 100;
        feed.state = JudgeState.START.withPreSwitch(new PreSwitchBaseline(previousWindow, T0.minusSeconds(10), T0));
        return feed;
    }

    @Test
    void aBlueGreenReleaseSlowerThanItsPreviousVersionBeforeTheSwitchIsDegraded() {
        // Before the switch 10% of requests took 250 ms; after it, 10% take 450 ms: a p95 within the 500 ms
        // limit, but 80% slower than what it replaced.
        Feed feed = switchedAfter(perSecond(0.05, 500, 1.5), traffic(5000, 5, 500, 250))
                .run(60, s -> traffic(500, 0, 50, 450));

        assertThat(feed.firstDegraded()).isBetween(1, 10);
        WindowVerdict degraded = feed.verdicts.get(feed.firstDegraded() - 1);
        Evidence latency = degraded.breaches().get(0);
        assertThat(latency.metric()).isEqualTo("latencyP95");
        assertThat(latency.comparison()).isEqualTo(Evidence.Comparison.RELATIVE);
        assertThat(latency.baseline()).isCloseTo(240, org.assertj.core.data.Offset.offset(15.0));
        assertThat(degraded.reason()).contains("the previous version before the switch");
    }

    @Test
    void aBlueGreenReleaseAsGoodAsItsPreviousVersionIsHealthy() {
        Feed feed = switchedAfter(perSecond(0.05, 500, 1.5), traffic(5000, 25, 250, 250))
                .run(120, steady(500, 5));

        assertThat(feed.count(Verdict.DEGRADED)).isZero();
        assertThat(feed.last().verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(feed.last().reason()).contains("against the previous version before the switch");
    }

    @Test
    void anErrorRegressionAgainstThePreviousVersionIsDegradedWithTheNewVersionsCounts() {
        // 3% errors, under the 5% limit, where the previous version failed 0.2% of its requests.
        Feed feed = switchedAfter(perSecond(0.05, 500, 1.5), traffic(5000, 10)).run(60, steady(500, 30));

        assertThat(feed.firstDegraded()).isBetween(1, 10);
        WindowVerdict degraded = feed.verdicts.get(feed.firstDegraded() - 1);
        Evidence errors = degraded.breaches().get(0);
        assertThat(errors.comparison()).isEqualTo(Evidence.Comparison.RELATIVE);
        assertThat(errors.baseline()).isCloseTo(0.002, org.assertj.core.data.Offset.offset(1e-9));
        // Held at 1.5 times the previous version's 95% upper bound, not its point estimate.
        assertThat(errors.statistic().limitShare()).isGreaterThan(1.5 * 0.002);
        assertThat(errors.statistic().baselineRequests()).isNull();
        assertThat(degraded.reason())
                .contains("is 15.0x the previous version's 0.2% before the switch", "requests failed");
    }

    @Test
    void aSmallButCertainIncreaseOverThePreviousVersionIsNoRegression() {
        // 0.5% where the previous version had 0.1%: five times as bad, but under a point.
        Feed feed = switchedAfter(perSecond(0.05, 500, 1.5), traffic(5000, 5)).run(300, steady(500, 5));

        assertThat(feed.count(Verdict.DEGRADED)).isZero();
    }

    @Test
    void theStableTracksLeftoverTrafficAfterTheSwitchIsNoBaseline() {
        // The old pods' sliding window still holds the minutes before the switch: it must not replace them.
        Feed feed = switchedAfter(perSecond(0.05, 500, 1.5), traffic(5000, 5, 500, 250))
                .run(60, s -> traffic(500, 0, 50, 450), s -> s < 10 ? traffic(500, 0, 50, 250) : traffic(0, 0));

        assertThat(feed.firstDegraded()).isBetween(1, 10);
        assertThat(feed.verdicts.get(feed.firstDegraded() - 1).reason()).contains("the previous version");
    }

    @Test
    void aComparisonMissedForOneWindowKeepsItsEvidence() {
        Feed feed = new Feed(perSecond(0.2, 5000, 1.5)).run(5, steady(50, 50), steady(450, 5));
        JudgeState.CheckState relative = feed.state.checks().get("errorRate:relative");
        Traffic canaryWindow = traffic(250, 12);

        feed.judge(new Measurement(
                T0,
                T0.plusSeconds(6),
                Duration.ofSeconds(10),
                canary(canaryWindow, traffic(50, 2)),
                TrackMeasurement.failed(TrackMeasurement.STABLE, Map.of(), "connection refused")));

        assertThat(feed.state.checks().get("errorRate:relative")).isEqualTo(relative);
    }

    @Test
    void aLatencyRegressionIsJudgedFromTheHistogramCounts() {
        // 20% of requests take 1.5 s: the p95 is far over 500 ms.
        Feed feed = new Feed(perSecond(0.05, 500, null)).run(10, s -> traffic(50, 0, 10, 1500));

        assertThat(feed.firstDegraded()).isBetween(1, 5);
        Evidence latency =
                feed.verdicts.get(feed.firstDegraded() - 1).breaches().get(0);
        assertThat(latency.metric()).isEqualTo("latencyP95");
        assertThat(latency.statistic().limitShare()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(latency.statistic().events()).isEqualTo(latency.statistic().requests() / 5);
    }

    @Test
    void withoutALatencyHistogramTheNewVersionIsNeverJudgedHealthy() {
        Traffic noHistogram = new Traffic(50, 0, new java.util.TreeMap<>());
        Feed feed = new Feed(perSecond(0.05, 500, null)).run(120, s -> noHistogram);

        assertThat(feed.count(Verdict.HEALTHY)).isZero();
        assertThat(feed.last().reason()).contains("p95 latency cannot be judged: no latency histogram from the source");
    }

    @Test
    void aRelativeLatencyRegressionIsCaughtOnlyWhenTheReleaseAsksForIt() {
        // +60%: the new version's slow tail takes 400 ms where the stable one's takes 250 ms.
        IntFunction<Traffic> canary = s -> traffic(50, 0, 5, 400);
        IntFunction<Traffic> stable = s -> traffic(450, 0, 45, 250);

        assertThat(new Feed(perSecond(0.05, 2000, null))
                        .run(120, canary, stable)
                        .count(Verdict.DEGRADED))
                .isZero();
        assertThat(new Feed(perSecond(0.05, 2000, 1.5)).run(120, canary, stable).firstDegraded())
                .isBetween(1, 60);
    }

    @Test
    void aNewStepIsJudgedOnItsOwnRequests() {
        Feed feed = new Feed(perSecond(0.05, 500, null)).run(60, steady(50, 0));
        assertThat(feed.last().verdict()).isEqualTo(Verdict.HEALTHY);

        feed.weight = 25;
        feed.run(1, steady(50, 0));

        assertThat(feed.last().verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(feed.last().reason()).startsWith("not yet decided: ");
    }

    @Test
    void anUnreachableCanaryIsUnknownAndChangesNoEvidence() {
        Feed feed = new Feed(perSecond(0.05, 500, null)).run(5, steady(50, 0));
        JudgeState before = feed.state;

        WindowVerdict v = feed.judge(new Measurement(
                T0,
                T0.plusSeconds(6),
                Duration.ofSeconds(10),
                TrackMeasurement.failed(TrackMeasurement.CANARY, Map.of(), "connection refused"),
                null));

        assertThat(v.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(v.reason()).isEqualTo("canary not measurable: connection refused");
        assertThat(feed.state).isEqualTo(before);
    }

    @Test
    void aMeasurementThatReachedTooFewCanaryEndpointsIsUnknown() {
        Feed feed = new Feed(perSecond(0.05, 500, null));
        Traffic t = traffic(50, 0);

        WindowVerdict v = feed.judge(new Measurement(
                T0,
                T0.plusSeconds(1),
                Duration.ofSeconds(10),
                TrackMeasurement.of(
                        TrackMeasurement.CANARY, t, t, Measurements.QUERIES, new TrackMeasurement.Coverage(1, 3)),
                null));

        assertThat(v.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(v.reason())
                .isEqualTo("only 1 of 3 canary endpoints answered: the measurement would describe only" + " those");
    }

    @Test
    void failingPodsCondemnTheNewVersionEvenWhenItCannotBeMeasured() {
        SloPolicy policy = perSecond(0.05, 500, null);
        Measurement unmeasurable = new Measurement(
                T0,
                T0.plusSeconds(10),
                Duration.ofSeconds(10),
                TrackMeasurement.failed(TrackMeasurement.CANARY, Map.of(), "connection refused"),
                null);
        PodObservation crashing = new PodObservation(
                "pods app=checkout,rollwatch.dev/track=canary in namespace shop",
                List.of(new PodSnapshot("checkout-canary-1", false, 3, "CrashLoopBackOff")),
                null);

        SequentialJudge.Judgement j =
                SequentialJudge.judge(unmeasurable, crashing, policy, PODS, JudgeState.START, null, 10);

        assertThat(j.verdict().verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(j.verdict().reason())
                .isEqualTo("3 pod failures in 2m (limit 3): checkout-canary-1 restarted (CrashLoopBackOff) x3");
        assertThat(j.verdict().breaches()).singleElement().satisfies(e -> {
            assertThat(e.metric()).isEqualTo("podFailures");
            assertThat(e.observed()).isEqualTo(3);
            assertThat(e.samples()).isEqualTo(1);
        });
        assertThat(j.state().pods().failures()).hasSize(3);
    }
}
