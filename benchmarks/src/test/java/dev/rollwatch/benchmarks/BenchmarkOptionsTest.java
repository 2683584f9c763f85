package dev.rollwatch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.benchmarks.BenchmarkOptions.Suite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    private static final BenchmarkOptions DEFAULTS = BenchmarkOptions.defaults(Path.of("/repo"));

    @Test
    void defaultsRunEverythingWithTheDocumentedCounts() {
        assertThat(DEFAULTS.suites()).containsExactlyInAnyOrder(Suite.values());
        assertThat(DEFAULTS.scrapeRuns()).isEqualTo(10);
        assertThat(DEFAULTS.prometheusRuns()).isEqualTo(5);
        assertThat(DEFAULTS.releases()).isEqualTo(1000);
        assertThat(DEFAULTS.judgementRuns()).isEqualTo(BenchmarkOptions.JUDGEMENT_RUNS);
        assertThat(DEFAULTS.judgementSeed()).isEqualTo(1);
        assertThat(DEFAULTS.needsSystem()).isTrue();
        assertThat(DEFAULTS.outputDirectory()).isEqualTo(Path.of("/repo/benchmarks/results"));
    }

    @Test
    void optionsOverrideTheDefaults() {
        BenchmarkOptions o = BenchmarkOptions.parse(
                List.of("--only", "rollback,footprint", "--runs", "3", "--releases", "2000", "--sample", "30"),
                DEFAULTS);

        assertThat(o.suites()).containsExactlyInAnyOrder(Suite.ROLLBACK, Suite.FOOTPRINT);
        assertThat(o.scrapeRuns()).isEqualTo(3);
        assertThat(o.releases()).isEqualTo(2000);
        assertThat(o.sample()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.prometheusRuns()).isEqualTo(5);
    }

    @Test
    void theJudgementAloneNeedsNoLocalSystem() {
        BenchmarkOptions o = BenchmarkOptions.parse(
                List.of("--only", "judgement", "--judgement-runs", "50", "--judgement-seed", "-7"), DEFAULTS);

        assertThat(o.suites()).containsExactly(Suite.JUDGEMENT);
        assertThat(o.needsSystem()).isFalse();
        assertThat(o.judgementRuns()).isEqualTo(50);
        assertThat(o.judgementSeed()).isEqualTo(-7);
        assertThat(BenchmarkOptions.parse(List.of("--only", "judgement,footprint"), DEFAULTS)
                        .needsSystem())
                .isTrue();
    }

    @Test
    void judgementScenariosCanBeChosenAndKeepTheBenchmarksOrder() {
        assertThat(DEFAULTS.judgementScenarios()).as("all").isEmpty();
        assertThat(BenchmarkOptions.parse(List.of("--judgement-scenarios", "7a, 1,2,1"), DEFAULTS)
                        .judgementScenarios())
                .containsExactly("1", "2", "7a");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--judgement-scenarios", "1,11"), DEFAULTS))
                .hasMessageContaining("'11'")
                .hasMessageContaining("1, 2, 3");
    }

    @Test
    void theUsageNamesTheJudgementOptionsAndTheirDefault() {
        assertThat(BenchmarkOptions.USAGE)
                .contains("--judgement-runs N")
                .contains("--judgement-scenarios IDS")
                .contains("default " + BenchmarkOptions.JUDGEMENT_RUNS + ";")
                .contains("rollback|throughput|footprint|judgement");
    }

    @Test
    void anUnknownPartIsRefusedByName() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--only", "latency"), DEFAULTS))
                .hasMessageContaining("'latency'");
    }

    @Test
    void aCountBelowItsMinimumIsRefused() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--runs", "0"), DEFAULTS))
                .hasMessageContaining("--runs must be at least 1");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--releases", "many"), DEFAULTS))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--judgement-runs", "0"), DEFAULTS))
                .hasMessageContaining("--judgement-runs must be at least 1");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--judgement-seed", "x"), DEFAULTS))
                .hasMessageContaining("--judgement-seed must be a whole number");
    }

    @Test
    void aMissingValueAndAnUnknownOptionShowTheUsage() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--runs"), DEFAULTS))
                .hasMessageContaining("Usage");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--fast"), DEFAULTS))
                .hasMessageContaining("Unknown option --fast");
    }
}
