package dev.rollwatch.benchmarks.judgement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.benchmarks.judgement.Scenario.Kind;
import dev.rollwatch.healthmonitor.domain.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness drives the real judge: a few short runs, no timing. */
class SimulatedRunTest {

    private static Scenario oneMinute(String id, TrackSpec canary) {
        return new Scenario(
                id,
                "test",
                Kind.FALSE_ROLLBACK,
                "setup",
                Scenarios.policy(0.02, null),
                canary,
                Scenarios.stable(0.005),
                true,
                60,
                Target.rollbacksBelow(0.01),
                1,
                Double.NaN);
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        Scenario scenario = oneMinute("s", Scenarios.canary(0.03));

        RunOutcome a = SimulatedRun.run(scenario, 42);
        RunOutcome b = SimulatedRun.run(scenario, 42);

        assertThat(a.rollbackSecond()).isEqualTo(b.rollbackSecond());
        assertThat(a.verdicts()).containsExactly(b.verdicts());
    }

    @Test
    void everyEvaluationIsJudgedAndTheFirstHasOnlyOneScrape() {
        RunOutcome healthy = SimulatedRun.run(oneMinute("h", Scenarios.canary(0)), 1);

        assertThat(healthy.rolledBack()).isFalse();
        assertThat(healthy.evaluations()).isEqualTo(61);
        assertThat(healthy.verdicts()[Verdict.UNKNOWN.ordinal()]).isEqualTo(1);
        assertThat(healthy.verdicts()[Verdict.HEALTHY.ordinal()]).isGreaterThan(40);
    }

    @Test
    void aGrossRegressionIsRolledBackWithinSecondsAndTheRunStopsThere() {
        RunOutcome broken = SimulatedRun.run(oneMinute("b", Scenarios.canary(0.5)), 1);

        assertThat(broken.rollbackSecond()).isBetween(1, 5);
        assertThat(broken.breach()).contains("error rate");
        assertThat(broken.cause())
                .as("the absolute check, and the chart that crossed")
                .matches("errorRate \\(\\d+x\\)");
        assertThat(broken.evaluations()).isEqualTo(broken.rollbackSecond() + 1);
    }

    @Test
    void runsAreSeededByScenarioAndNumber() {
        assertThat(JudgementBenchmark.seed(1, "1", 0))
                .isEqualTo(JudgementBenchmark.seed(1, "1", 0))
                .isNotEqualTo(JudgementBenchmark.seed(1, "1", 1))
                .isNotEqualTo(JudgementBenchmark.seed(1, "2", 0))
                .isNotEqualTo(JudgementBenchmark.seed(2, "1", 0));
    }

    @Test
    void theBenchmarkRunsEachScenarioItsWeightedCountAndReportsProgress() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Scenario weighted = new Scenario(
                "w",
                "weighted",
                Kind.DETECTION,
                "setup",
                Scenarios.policy(0.02, null),
                Scenarios.canary(0.5),
                Scenarios.stable(0.005),
                true,
                60,
                Target.detectedWithin(5),
                2,
                0);

        JudgementResults r = new JudgementBenchmark(3, 7, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(List.of(weighted));

        assertThat(r.scenarios()).singleElement().satisfies(s -> {
            assertThat(s.runs()).isEqualTo(6);
            assertThat(s.rollbacks()).isEqualTo(6);
            assertThat(s.status()).isEqualTo(Target.Status.MET);
        });
        assertThat(r.evaluations()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("w    weighted")
                .contains("    6 runs");
    }

    @Test
    void onlyTheScenariosAskedForRun() {
        JudgementResults r = new JudgementBenchmark(
                        1, 1, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(List.of("5b", "4"));

        assertThat(r.scenarios())
                .extracting(ScenarioResult::id)
                .as("in the benchmark's order")
                .containsExactly("4", "5b");
    }
}
