package dev.rollwatch.benchmarks.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        Summary s = Summary.of(List.of(4000.0, 1000.0, 3000.0, 2000.0));

        assertThat(s.median()).isEqualTo(2500.0);
        assertThat(s.min()).isEqualTo(1000.0);
        assertThat(s.max()).isEqualTo(4000.0);
        assertThat(s.mean()).isEqualTo(2500.0);
        assertThat(s.count()).isEqualTo(4);
    }

    @Test
    void p95OfTenRunsLiesBetweenTheTwoSlowest() {
        // rank 1 + 0.95 * 9 = 9.55, so 55% of the way from the 9th to the 10th value.
        Summary s = Summary.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 19.0));

        assertThat(s.p95()).isCloseTo(9.0 + 0.55 * 10.0, within(1e-9));
        assertThat(s.median()).isEqualTo(5.5);
    }

    @Test
    void p99OfAThousandSamplesIsNearTheTop() {
        List<Double> samples = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            samples.add((double) i);
        }

        Summary s = Summary.of(samples);

        assertThat(s.p99()).isCloseTo(990.01, within(1e-9));
        assertThat(s.median()).isEqualTo(500.5);
    }

    @Test
    void runsThatObservedNothingAreLeftOutNotCountedAsZero() {
        Summary s = Summary.of(Arrays.asList(3000.0, null, 5000.0));

        assertThat(s.count()).isEqualTo(2);
        assertThat(s.median()).isEqualTo(4000.0);
        assertThat(s.min()).isEqualTo(3000.0);
    }

    @Test
    void noSamplesGiveAnEmptySummaryWithoutFigures() {
        Summary s = Summary.of(List.of());

        assertThat(s.isEmpty()).isTrue();
        assertThat(s.median()).isNull();
        assertThat(s.p95()).isNull();
    }
}
