package dev.rollwatch.benchmarks.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String PAGE = """
            # HELP rollwatch_health_evaluations_total
            # TYPE rollwatch_health_evaluations_total counter
            rollwatch_health_evaluations_total{source="scrape"} 1200.0
            rollwatch_health_evaluations_total{source="prometheus"} 34.0
            rollwatch_health_evaluations_total_created{source="scrape"} 1.7E9
            # TYPE rollwatch_health_verdicts_total counter
            rollwatch_health_verdicts_total{source="scrape",verdict="HEALTHY"} 1100.0
            rollwatch_health_verdicts_total{source="prometheus",verdict="HEALTHY"} 30.0
            rollwatch_health_verdicts_total{source="scrape",verdict="INSUFFICIENT_DATA"} 100.0
            rollwatch_health_watches_active 1000.0
            """;

    @Test
    void sumsEverySeriesOfTheExactMetricOnly() {
        assertThat(PrometheusText.sum(PAGE, "rollwatch_health_evaluations_total"))
                .isEqualTo(1234.0);
    }

    @Test
    void readsAMetricWithoutLabels() {
        assertThat(PrometheusText.sum(PAGE, "rollwatch_health_watches_active")).isEqualTo(1000.0);
    }

    @Test
    void groupsByOneLabelSummingTheOthers() {
        assertThat(PrometheusText.byLabel(PAGE, "rollwatch_health_verdicts_total", "verdict"))
                .containsEntry("HEALTHY", 1130.0)
                .containsEntry("INSUFFICIENT_DATA", 100.0)
                .hasSize(2);
    }

    @Test
    void anAbsentMetricSumsToZero() {
        assertThat(PrometheusText.sum(PAGE, "rollwatch_health_source_errors_total"))
                .isZero();
    }
}
