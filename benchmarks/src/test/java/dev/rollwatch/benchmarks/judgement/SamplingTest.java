package dev.rollwatch.benchmarks.judgement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplingTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 12.5, 75, 450})
    void poissonCountsHaveTheirMeanAsMeanAndVariance(double mean) {
        SplittableRandom random = new SplittableRandom(11);
        int draws = 100_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < draws; i++) {
            int n = Sampling.poisson(random, mean);
            sum += n;
            squares += (double) n * n;
        }
        double average = sum / draws;
        double variance = squares / draws - average * average;
        assertThat(average).isCloseTo(mean, within(mean * 0.02 + 0.01));
        assertThat(variance).isCloseTo(mean, within(mean * 0.05 + 0.02));
    }

    @Test
    void noTrafficIsNoRequest() {
        assertThat(Sampling.poisson(new SplittableRandom(1), 0)).isZero();
    }
}
