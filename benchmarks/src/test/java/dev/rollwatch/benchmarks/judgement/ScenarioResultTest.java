package dev.rollwatch.benchmarks.judgement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.benchmarks.judgement.Scenario.Kind;
import dev.rollwatch.healthmonitor.domain.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioResultTest {

    /** HEALTHY, DEGRADED, INSUFFICIENT_DATA, UNKNOWN. */
    private static RunOutcome run(int rollbackSecond, long... verdicts) {
        return new RunOutcome(
                rollbackSecond,
                rollbackSecond < 0 ? null : "error rate 9% > 2%",
                rollbackSecond < 0 ? null : "errorRate (4x)",
                -1,
                verdicts,
                0);
    }

    private static RunOutcome rolledBack(String cause, String summary) {
        return new RunOutcome(100, summary, cause, -1, new long[] {99, 1, 0, 1}, 0);
    }

    private static Scenario scenario(Kind kind, Target target, double onset) {
        return new Scenario(
                "x",
                "test",
                kind,
                "setup",
                Scenarios.policy(0.02, null),
                Scenarios.canary(0.005),
                Scenarios.stable(0.005),
                true,
                600,
                target,
                1,
                onset);
    }

    @Test
    void countsRollbacksTheirTimesAndTheVerdictMix() {
        ScenarioResult r = ScenarioResult.of(
                scenario(Kind.DETECTION, Target.detectedWithin(5), 0),
                List.of(run(3, 0, 1, 2, 1), run(5, 0, 1, 4, 1), run(8, 0, 1, 7, 1), run(-1, 0, 0, 600, 1)));

        assertThat(r.runs()).isEqualTo(4);
        assertThat(r.rollbacks()).isEqualTo(3);
        assertThat(r.rollbackRate()).isEqualTo(0.75);
        assertThat(r.rollbackAtMs().median()).isEqualTo(5000);
        assertThat(r.rollbackAtMs().max()).isEqualTo(8000);
        assertThat(r.withinTargetShare())
                .as("an undetected run is not within the target")
                .isEqualTo(0.5);
        assertThat(r.status()).isEqualTo(Target.Status.NOT_MET);
        assertThat(r.evaluations()).isEqualTo(620);
        assertThat(r.verdicts()).containsEntry(Verdict.DEGRADED, 3L).containsEntry(Verdict.UNKNOWN, 4L);
        assertThat(r.share(Verdict.INSUFFICIENT_DATA)).isEqualTo(613.0 / 620);
        assertThat(r.exampleBreach()).isEqualTo("error rate 9% > 2%");
        assertThat(r.afterOnsetMs().median()).isEqualTo(5000);
        assertThat(r.beforeOnset()).isZero();
    }

    @Test
    void detectionCountsFromTheOnsetAndAnEarlierRollbackIsNoDetection() {
        ScenarioResult r = ScenarioResult.of(
                scenario(Kind.DETECTION, Target.detectedWithin(10), 60),
                List.of(run(30, 1, 1, 0, 0), run(65, 1, 1, 0, 0), run(75, 1, 1, 0, 0)));

        assertThat(r.beforeOnset()).isEqualTo(1);
        assertThat(r.afterOnsetMs().min()).isEqualTo(-30_000);
        assertThat(r.afterOnsetMs().max()).isEqualTo(15_000);
        assertThat(r.rollbackAtMs().max()).isEqualTo(75_000);
        assertThat(r.withinTargetShare()).isEqualTo(1.0 / 3);
    }

    @Test
    void aDriftIsMeasuredFromTheCrossingOfTheLimit() {
        ScenarioResult r = ScenarioResult.of(
                scenario(Kind.DRIFT, Target.reportOnly("report"), 257.5),
                List.of(run(200, 1, 1, 0, 0), run(300, 1, 1, 0, 0), run(-1, 1, 0, 0, 0)));

        assertThat(r.beforeOnset()).isEqualTo(1);
        assertThat(r.afterOnsetMs().min()).isEqualTo(-57_500);
        assertThat(r.afterOnsetMs().max()).isEqualTo(42_500);
        assertThat(r.withinTargetShare()).as("no detection target").isNull();
        assertThat(r.status()).isEqualTo(Target.Status.REPORTED);
    }

    @Test
    void aFalseRollbackRateCarriesItsUpperBound() {
        ScenarioResult r = ScenarioResult.of(
                scenario(Kind.FALSE_ROLLBACK, Target.rollbacksBelow(0.01), Double.NaN),
                List.of(run(-1, 600, 0, 1, 0), run(-1, 600, 0, 1, 0)));

        assertThat(r.rollbacks()).isZero();
        assertThat(r.rollbackRateUpper95()).isEqualTo(RateBound.upper95(0, 2));
        assertThat(r.status()).isEqualTo(Target.Status.INCONCLUSIVE);
        assertThat(r.exampleBreach()).isNull();
        assertThat(r.afterOnsetMs())
                .as("no onset: a canary that should not be rolled back")
                .isNull();
        assertThat(r.beforeOnset()).isNull();
        assertThat(r.breachCauses()).isEmpty();
    }

    @Test
    void rollbacksAreCountedByCauseMostFrequentFirstWithTheFirstBreachOfEach() {
        ScenarioResult r = ScenarioResult.of(
                scenario(Kind.FALSE_ROLLBACK, Target.rollbacksBelow(0.01), Double.NaN),
                List.of(
                        rolledBack("errorRate (4x)", "error rate 3.4% > 2%"),
                        run(-1, 600, 0, 1, 0),
                        rolledBack("errorRate:relative (4x)", "error rate 2.04% is 6.5x stable 0.31%"),
                        rolledBack("errorRate:relative (4x)", "error rate 1.9% is 4x stable 0.47%")));

        assertThat(r.breachCauses())
                .containsExactly(
                        new ScenarioResult.Cause("errorRate:relative (4x)", 2, "error rate 2.04% is 6.5x stable 0.31%"),
                        new ScenarioResult.Cause("errorRate (4x)", 1, "error rate 3.4% > 2%"));
    }
}
