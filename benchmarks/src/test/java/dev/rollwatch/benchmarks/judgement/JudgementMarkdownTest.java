package dev.rollwatch.benchmarks.judgement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.benchmarks.judgement.Scenario.Kind;
import dev.rollwatch.benchmarks.stats.Summary;
import dev.rollwatch.healthmonitor.domain.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgementMarkdownTest {

    private static Map<Verdict, Long> mix(long healthy, long degraded, long insufficient, long unknown) {
        Map<Verdict, Long> mix = new LinkedHashMap<>();
        mix.put(Verdict.HEALTHY, healthy);
        mix.put(Verdict.DEGRADED, degraded);
        mix.put(Verdict.INSUFFICIENT_DATA, insufficient);
        mix.put(Verdict.UNKNOWN, unknown);
        return mix;
    }

    static JudgementResults results() {
        Summary none = Summary.of(List.of());
        ScenarioResult healthy = new ScenarioResult(
                "1",
                "healthy noisy canary",
                Kind.FALSE_ROLLBACK,
                "both at 0.5%",
                "rolled back in < 0.1% of runs",
                Target.Status.MET,
                3200,
                0,
                0,
                RateBound.upper95(0, 3200),
                none,
                null,
                null,
                null,
                mix(1_900_000, 0, 20_000, 3_200),
                1_923_200,
                0,
                none,
                null,
                List.of());
        ScenarioResult detection = new ScenarioResult(
                "3",
                "errors at 2.5x the limit",
                Kind.DETECTION,
                "5% errors",
                "detected within 10 s (p95)",
                Target.Status.NOT_MET,
                400,
                400,
                1,
                1,
                Summary.of(List.of(7000.0, 8000.0, 13000.0)),
                0.9,
                Summary.of(List.of(7000.0, 8000.0, 13000.0)),
                0,
                mix(0, 400, 2000, 400),
                2800,
                0,
                none,
                "error rate 8.57% > 2% (stable 0.5%)",
                List.of(new ScenarioResult.Cause("errorRate (2x)", 400, "error rate 8.57% > 2% (stable 0.5%)")));
        ScenarioResult drift = new ScenarioResult(
                "6",
                "slow drift",
                Kind.DRIFT,
                "0.5% to 4%",
                "report only",
                Target.Status.REPORTED,
                400,
                400,
                1,
                1,
                Summary.of(List.of(400_000.0)),
                null,
                Summary.of(List.of(-35_000.0, 145_000.0)),
                12,
                mix(160_000, 400, 3000, 400),
                163_800,
                0,
                none,
                null,
                List.of());
        ScenarioResult outage = new ScenarioResult(
                "10c",
                "source outage",
                Kind.FALSE_ROLLBACK,
                "no endpoint answers",
                "never rolled back, mostly UNKNOWN",
                Target.Status.MET,
                200,
                0,
                0,
                RateBound.upper95(0, 200),
                none,
                null,
                null,
                null,
                mix(11_000, 0, 1_000, 108_200),
                120_200,
                200,
                Summary.of(List.of(180_000.0)),
                null,
                List.of());
        ScenarioResult relative = new ScenarioResult(
                "1r",
                "healthy noisy canary, regression ratio set",
                Kind.FALSE_ROLLBACK,
                "ratio 1.5",
                "rolled back in < 0.1% of runs",
                Target.Status.NOT_MET,
                3000,
                3,
                0.001,
                RateBound.upper95(3, 3000),
                Summary.of(List.of(100_000.0, 200_000.0, 300_000.0)),
                null,
                null,
                null,
                mix(1_790_000, 3, 10_000, 3_000),
                1_803_003,
                0,
                none,
                "error rate 2.04% is 6.5x stable 0.31%",
                List.of(
                        new ScenarioResult.Cause("errorRate:relative (4x)", 2, "error rate 2.04% is 6.5x stable 0.31%"),
                        new ScenarioResult.Cause("errorRate (4x)", 1, "error rate 3.39% > 2% | stable 0.49%")));
        return new JudgementResults(
                "Canary at 10%",
                1,
                400,
                2,
                290.4,
                2_209_800,
                41.2,
                7610,
                List.of(healthy, relative, detection, drift, outage),
                List.of("Pod health is simulated."));
    }

    @Test
    void listsFalseRollbacksWithTheirBoundAndStatus() {
        String md = JudgementMarkdown.render(results());

        assertThat(md)
                .contains("| 1 | healthy noisy canary | 3200 | 0 | 0% | 0.0936% | rolled back in < 0.1% of runs "
                        + "| **MET** |");
        assertThat(md)
                .contains("| 10c | source outage | 200 | 0 | 0% | 1.49% | never rolled back, mostly UNKNOWN "
                        + "| **MET** |");
    }

    @Test
    void listsDetectionTimesInSeconds() {
        assertThat(JudgementMarkdown.render(results()))
                .contains("| 3 | errors at 2.5x the limit | 400 | 100.0% "
                        + "| 8.0 s | 12.0 s | 12.5 s | 13.0 s | 90.0% | detected within 10 s (p95) | **NOT MET** |");
    }

    @Test
    void listsDriftRollbacksAgainstTheCrossing() {
        assertThat(JudgementMarkdown.render(results()))
                .contains("| 6 | slow drift | 400 | 100.0% | 12 (3.00%) | +55 s "
                        + "| +127 s | +136 s | +145 s | report only |");
    }

    @Test
    void showsTheVerdictMixWarningsNotesAndTheSpeed() {
        String md = JudgementMarkdown.render(results());

        assertThat(md).contains("| 10c | source outage | 120200 | 9.15% | 0% | 0.832% | 90.0% | 200 (180.0 s) |");
        assertThat(md).contains("| 1 | healthy noisy canary | 1923200 | 98.8% | 0% | 1.04% | 0.166% | 0 |");
        assertThat(md).contains("41.2 µs per evaluation").contains("--judgement-runs 400");
        assertThat(md).contains("First rollback: error rate 8.57% > 2% (stable 0.5%).");
        assertThat(md).contains("- Pod health is simulated.");
    }

    @Test
    void countsTheFalseRollbacksByCauseWithAnExample() {
        String md = JudgementMarkdown.render(results());

        assertThat(md).contains("| 1r | errorRate:relative (4x) | 2 of 3 | error rate 2.04% is 6.5x stable 0.31% |");
        assertThat(md)
                .as("a pipe in a reason does not break the table")
                .contains("| 1r | errorRate (4x) | 1 of 3 | error rate 3.39% > 2% \\| stable 0.49% |");
        assertThat(md)
                .as("only scenarios rolled back, and only canaries that should not be")
                .doesNotContain("| 1 | errorRate")
                .doesNotContain("| 3 | errorRate (2x)");
    }

    @Test
    void saysWhenOnlySomeScenariosRan() {
        assertThat(JudgementMarkdown.render(results()))
                .contains("Only 5 of the " + Scenarios.all().size()
                        + " scenarios were run (--judgement-scenarios 1,1r,3,6,10c).");
    }
}
