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
        assertThat(DEFAULTS.outputDirectory()).isEqualTo(Path.of("/repo/benchmarks/results"));
    }

    @Test
    void optionsOverrideTheDefaults() {
        BenchmarkOptions o = BenchmarkOptions.parse(List.of("--only", "rollback,footprint", "--runs", "3",
                "--releases", "2000", "--sample", "30"), DEFAULTS);

        assertThat(o.suites()).containsExactlyInAnyOrder(Suite.ROLLBACK, Suite.FOOTPRINT);
        assertThat(o.scrapeRuns()).isEqualTo(3);
        assertThat(o.releases()).isEqualTo(2000);
        assertThat(o.sample()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.prometheusRuns()).isEqualTo(5);
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
    }

    @Test
    void aMissingValueAndAnUnknownOptionShowTheUsage() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--runs"), DEFAULTS)).hasMessageContaining("Usage");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--fast"), DEFAULTS))
                .hasMessageContaining("Unknown option --fast");
    }
}
