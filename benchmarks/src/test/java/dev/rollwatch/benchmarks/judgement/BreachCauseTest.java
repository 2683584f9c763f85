package dev.rollwatch.benchmarks.judgement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.Evidence.Comparison;
import dev.rollwatch.events.Evidence.Statistic;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreachCauseTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

    private static Evidence evidence(String metric, Comparison comparison, Statistic statistic) {
        return new Evidence(
                metric, "q", "10s", NOW.minusSeconds(10), NOW, 0.03, 0.005, 1.5, comparison, 500, statistic);
    }

    private static Statistic sequential(double oddsRatio) {
        return new Statistic(
                Statistic.Test.SEQUENTIAL_LIKELIHOOD_RATIO, 500, 9, null, 6.0, 0.14, oddsRatio, 7.2, 6.9, null, null);
    }

    @Test
    void namesEachCheckByItsKeyWithTheChartThatCrossed() {
        assertThat(BreachCause.of(List.of(evidence("errorRate", Comparison.RELATIVE, sequential(4)))))
                .isEqualTo("errorRate:relative (4x)");
        assertThat(BreachCause.of(List.of(
                        evidence("errorRate", Comparison.ABSOLUTE, sequential(2)),
                        evidence("latencyP95", Comparison.RELATIVE, sequential(1.5)))))
                .isEqualTo("errorRate (2x) + latencyP95:relative (1.5x)");
    }

    @Test
    void podFailuresHaveNoChart() {
        assertThat(BreachCause.of(List.of(
                        evidence("podFailures", Comparison.ABSOLUTE, null),
                        evidence("errorRate", Comparison.ABSOLUTE, sequential(4)))))
                .isEqualTo("podFailures + errorRate (4x)");
        assertThat(BreachCause.of(List.of())).isEqualTo("unknown");
    }
}
