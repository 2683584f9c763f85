package dev.rollwatch.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.fixtures.EventFixtures;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void showsRatesAsPercentagesAndLatenciesInMilliseconds() {
        assertThat(Formats.metricValue("errorRate", 0.124)).isEqualTo("12.4%");
        assertThat(Formats.metricValue("errorRate", 0.05)).isEqualTo("5%");
        assertThat(Formats.metricValue("latencyP95", 2350.46)).isEqualTo("2350.5 ms");
        assertThat(Formats.metricValue("requestRate", 12.5)).isEqualTo("12.5");
    }

    @Test
    void describesAnEvidenceInOneLine() {
        assertThat(Formats.evidenceLine(EventFixtures.errorRateEvidence(0.124)))
                .isEqualTo("errorRate 12.4% > 5% over 1m (baseline 0.4%, 1840 requests)");
    }

    @Test
    void showsARelativeThresholdAsAMultipleOfTheBaseline() {
        Evidence relative = new Evidence("latencyP95", "q", "1m", EventFixtures.T0, EventFixtures.T0, 900, 400.0, 1.5,
                Evidence.Comparison.RELATIVE, 500);
        assertThat(Formats.threshold(relative)).isEqualTo("1.5× baseline");
    }
}
