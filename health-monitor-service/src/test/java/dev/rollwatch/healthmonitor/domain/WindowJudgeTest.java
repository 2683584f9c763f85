package dev.rollwatch.healthmonitor.domain;

import static dev.rollwatch.healthmonitor.domain.Measurements.canary;
import static dev.rollwatch.healthmonitor.domain.Measurements.of;
import static dev.rollwatch.healthmonitor.domain.Measurements.policy;
import static dev.rollwatch.healthmonitor.domain.Measurements.stable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Evidence;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowJudgeTest {

    private static SloPolicy withRegression(double ratio) {
        return new SloPolicy(0.05, 2000, null, ratio, 50, Duration.ofSeconds(10), Duration.ofMinutes(1), 3, 0.01, 50);
    }

    @Test
    void aCanaryWithinEverySloIsHealthy() {
        WindowVerdict v = WindowJudge.judge(of(canary(1840, 0.004, 180, 400), stable(9000, 0.003, 170, 380)), policy());

        assertThat(v.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(v.breaches()).isEmpty();
        assertThat(v.samples()).isEqualTo(1840);
        assertThat(v.evidence()).extracting(Evidence::metric).containsExactly("errorRate", "latencyP95");
    }

    @Test
    void anErrorRateOverTheLimitIsDegradedWithItsEvidence() {
        WindowVerdict v = WindowJudge.judge(of(canary(1840, 0.124, 180, 400), stable(9000, 0.004, 170, 380)), policy());

        assertThat(v.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(v.breaches()).singleElement().satisfies(e -> {
            assertThat(e.metric()).isEqualTo("errorRate");
            assertThat(e.query()).isEqualTo("error-rate-query");
            assertThat(e.window()).isEqualTo("1m");
            assertThat(e.windowStart()).isEqualTo(Measurements.END.minusSeconds(60));
            assertThat(e.windowEnd()).isEqualTo(Measurements.END);
            assertThat(e.observed()).isEqualTo(0.124);
            assertThat(e.baseline()).isEqualTo(0.004);
            assertThat(e.threshold()).isEqualTo(0.05);
            assertThat(e.comparison()).isEqualTo(Evidence.Comparison.ABSOLUTE);
            assertThat(e.samples()).isEqualTo(1840);
        });
        assertThat(v.reason()).isEqualTo("error rate 12.4% > 5% (stable 0.4%)");
    }

    @Test
    void anErrorRateExactlyAtTheLimitIsStillHealthy() {
        assertThat(WindowJudge.judge(of(canary(100, 0.05, 100, 100), null), policy()).verdict())
                .isEqualTo(Verdict.HEALTHY);
    }

    @Test
    void aSlowP95IsDegraded() {
        WindowVerdict v = WindowJudge.judge(of(canary(500, 0.0, 2400, 3100), null), policy());

        assertThat(v.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(v.breaches()).singleElement().satisfies(e -> {
            assertThat(e.metric()).isEqualTo("latencyP95");
            assertThat(e.observed()).isEqualTo(2400);
            assertThat(e.threshold()).isEqualTo(2000);
            assertThat(e.baseline()).isNull();
        });
        assertThat(v.reason()).isEqualTo("p95 latency 2400 ms > 2000 ms");
    }

    @Test
    void p99IsOnlyHeldToALimitTheReleaseSet() {
        SloPolicy p99 = new SloPolicy(0.05, 2000, 2500.0, null, 50, Duration.ofSeconds(10), Duration.ofMinutes(1), 3,
                0.01, 50);

        assertThat(WindowJudge.judge(of(canary(500, 0.0, 900, 3100), null), policy()).verdict())
                .isEqualTo(Verdict.HEALTHY);
        assertThat(WindowJudge.judge(of(canary(500, 0.0, 900, 3100), null), p99).breaches())
                .extracting(Evidence::metric).containsExactly("latencyP99");
    }

    @Test
    void tooFewRequestsAreInsufficientDataEvenWhenEveryOneFailed() {
        WindowVerdict v = WindowJudge.judge(of(canary(12, 1.0, 9000, 9000), stable(9000, 0.0, 100, 100)), policy());

        assertThat(v.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(v.breaches()).isEmpty();
        assertThat(v.samples()).isEqualTo(12);
        assertThat(v.reason()).isEqualTo("12 canary requests in 1m, fewer than the 50 needed to judge");
    }

    @Test
    void anUnreachableSourceIsUnknownNeverDegraded() {
        TrackMeasurement down = TrackMeasurement.failed(TrackMeasurement.CANARY, Map.of(),
                "Prometheus at http://prometheus:9090 failed: ConnectException: Connection refused");

        WindowVerdict v = WindowJudge.judge(of(down, null), policy());

        assertThat(v.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(v.reason()).contains("Connection refused");
    }

    @Test
    void anEmptyResultIsUnknown() {
        WindowVerdict v = WindowJudge.judge(of(canary(Double.NaN, Double.NaN, Double.NaN, Double.NaN), null), policy());

        assertThat(v.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void aNaNErrorRateWithTrafficIsUnknown() {
        assertThat(WindowJudge.judge(of(canary(500, Double.NaN, 100, 100), null), policy()).verdict())
                .isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void aLatencyTheSourceCannotMeasureDoesNotHideABrokenErrorRate() {
        WindowVerdict v = WindowJudge.judge(of(canary(500, 0.2, Double.NaN, Double.NaN), null), policy());

        assertThat(v.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(v.reason()).endsWith("(p95 latency not measurable)");
    }

    @Test
    void aRegressionAgainstStableBeyondTheRatioIsDegraded() {
        // 3% errors is within the 5% limit, but six times the stable version's 0.5%.
        WindowVerdict v = WindowJudge.judge(of(canary(1000, 0.03, 200, 300), stable(9000, 0.005, 190, 290)),
                withRegression(1.5));

        assertThat(v.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(v.breaches()).singleElement().satisfies(e -> {
            assertThat(e.metric()).isEqualTo("errorRate");
            assertThat(e.comparison()).isEqualTo(Evidence.Comparison.RELATIVE);
            assertThat(e.observed()).isEqualTo(0.03);
            assertThat(e.baseline()).isEqualTo(0.005);
            assertThat(e.threshold()).isEqualTo(1.5);
        });
        assertThat(v.reason()).isEqualTo("error rate 3% is 6.0x stable 0.5% (allowed 1.5x)");
    }

    @Test
    void aLatencyRegressionAgainstStableIsDegraded() {
        WindowVerdict v = WindowJudge.judge(of(canary(1000, 0.0, 900, 1200), stable(9000, 0.0, 300, 500)),
                withRegression(1.5));

        assertThat(v.breaches()).extracting(Evidence::metric).containsExactly("latencyP95", "latencyP99");
    }

    @Test
    void aRelativeRegressionOnTinyNumbersIsNoise() {
        // 0.4% against 0.1% is four times as bad and still a fine version.
        WindowVerdict v = WindowJudge.judge(of(canary(1000, 0.004, 12, 20), stable(9000, 0.001, 4, 6)),
                withRegression(1.5));

        assertThat(v.verdict()).isEqualTo(Verdict.HEALTHY);
    }

    @Test
    void aStableTrackWithTooLittleTrafficIsNoBaseline() {
        WindowVerdict v = WindowJudge.judge(of(canary(1000, 0.03, 200, 300), stable(10, 0.0, 100, 100)),
                withRegression(1.5));

        assertThat(v.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(v.reason()).contains("no stable baseline");
        assertThat(v.evidence()).allSatisfy(e -> assertThat(e.baseline()).isNull());
    }

    @Test
    void anUnreachableStableTrackLeavesTheAbsoluteChecksStanding() {
        TrackMeasurement stableDown = TrackMeasurement.failed(TrackMeasurement.STABLE, Map.of(), "down");

        WindowVerdict v = WindowJudge.judge(of(canary(1000, 0.2, 200, 300), stableDown), withRegression(1.5));

        assertThat(v.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(v.breaches()).extracting(Evidence::comparison).containsOnly(Evidence.Comparison.ABSOLUTE);
    }
}
