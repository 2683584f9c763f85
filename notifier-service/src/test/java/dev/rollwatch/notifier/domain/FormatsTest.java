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
        Evidence relative = new Evidence(
                "latencyP95",
                "q",
                "1m",
                EventFixtures.T0,
                EventFixtures.T0,
                900,
                400.0,
                1.5,
                Evidence.Comparison.RELATIVE,
                500);
        assertThat(Formats.threshold(relative)).isEqualTo("1.5× baseline");
    }

    @Test
    void aComparisonsLineNamesTheBaselineItsLimitMultiplies() {
        Evidence slower = new Evidence(
                "latencyP95",
                "q",
                "1m",
                EventFixtures.T0,
                EventFixtures.T0,
                380,
                40.0,
                1.5,
                Evidence.Comparison.RELATIVE,
                500);

        assertThat(Formats.evidenceLine(slower))
                .isEqualTo("latencyP95 380 ms > 1.5× baseline 40 ms over 1m (500 requests)");
    }

    @Test
    void aComparisonWithoutABaselineValueStillSaysWhatItsLimitMultiplies() {
        Evidence worse = new Evidence(
                "errorRate",
                "q",
                "1m",
                EventFixtures.T0,
                EventFixtures.T0,
                0.03,
                null,
                1.5,
                Evidence.Comparison.RELATIVE,
                1);

        assertThat(Formats.evidenceLine(worse)).isEqualTo("errorRate 3% > 1.5× baseline over 1m (1 request)");
    }

    @Test
    void failingPodsAreCountedAsPodsAgainstTheLimitTheyReach() {
        assertThat(Formats.evidenceLine(podFailures(3, 1))).isEqualTo("pod failures 3 (limit 3) in 2m, 1 pod");
        assertThat(Formats.evidenceLine(podFailures(4, 10))).isEqualTo("pod failures 4 (limit 3) in 2m, 10 pods");
        // The Kubernetes API did not list the pods this time: their number is unknown, not zero.
        assertThat(Formats.evidenceLine(podFailures(3, 0))).isEqualTo("pod failures 3 (limit 3) in 2m");
    }

    static Evidence podFailures(int failures, int pods) {
        return new Evidence(
                "podFailures",
                "app=shop,rollwatch.dev/track=canary",
                "2m",
                EventFixtures.T0.minusSeconds(120),
                EventFixtures.T0,
                failures,
                null,
                3,
                Evidence.Comparison.ABSOLUTE,
                pods);
    }
}
