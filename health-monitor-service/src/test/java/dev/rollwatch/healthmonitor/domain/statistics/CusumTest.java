package dev.rollwatch.healthmonitor.domain.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CusumTest {

    @Test
    void chartsLookForTheSmallestAlternativeAndTwiceIt() {
        assertThat(Cusum.start(2).charts()).extracting(Cusum.Chart::oddsRatio).containsExactly(2.0, 4.0);
    }

    @Test
    void eachIncrementAddsItsLogLikelihoodRatio() {
        // 3 failures in 10 requests against a 10% limit, alternative odds 2x (p1 = 2/11).
        Cusum c = Cusum.start(2).add(10, 3, 0.1, 10);

        double p1 = 2 * 0.1 / (0.9 + 2 * 0.1);
        double expected = 3 * Math.log(p1 / 0.1) + 7 * Math.log((1 - p1) / 0.9);
        Cusum.Chart first = c.charts().get(0);
        assertThat(first.logLikelihoodRatio()).isCloseTo(expected, Offset.offset(1e-12));
        assertThat(first.requests()).isEqualTo(10);
        assertThat(first.events()).isEqualTo(3);
    }

    @Test
    void evidenceThatFavoursTheLimitRestartsTheRun() {
        Cusum c = Cusum.start(2).add(10, 3, 0.1, 10).add(1000, 0, 0.1, 1000);

        assertThat(c.charts()).allSatisfy(chart -> {
            assertThat(chart.logLikelihoodRatio()).isZero();
            assertThat(chart.requests()).isZero();
        });
    }

    @Test
    void aBreachNeedsTheBoundAndTheMinimumRequests() {
        Cusum c = Cusum.start(2).add(20, 15, 0.05, 20);

        assertThat(c.strongest().logLikelihoodRatio()).isGreaterThan(Cusum.BOUND);
        assertThat(c.alarm(50)).as("20 requests are fewer than the 50 needed").isEmpty();
        assertThat(c.alarm(20))
                .hasValueSatisfying(chart -> assertThat(chart.oddsRatio()).isEqualTo(4));
    }

    @Test
    void theChartLookingForTheLargerShiftMustClearAHigherBound() {
        Cusum c = Cusum.start(2);
        assertThat(c.bound(c.charts().get(0))).isEqualTo(Cusum.BOUND);
        assertThat(c.bound(c.charts().get(1))).isCloseTo(Math.log(2000), Offset.offset(1e-12));

        // A burst that takes the 4x chart past ln 1000 but not past ln 2000 (the 2x chart stays lower).
        Cusum burst = c.add(60, 8, 0.02, 60);
        Cusum.Chart fast = burst.charts().get(1);
        assertThat(fast.logLikelihoodRatio()).isBetween(Cusum.BOUND, Math.log(2000));
        assertThat(burst.charts().get(0).logLikelihoodRatio()).isLessThan(Cusum.BOUND);
        assertThat(burst.alarm(50)).isEmpty();
    }

    @Test
    void anIncrementWithoutTrialsOrWithAnUntestableShareChangesNothing() {
        Cusum c = Cusum.start(2).add(10, 3, 0.1, 10);

        assertThat(c.add(0, 0, 0.1, 0)).isEqualTo(c);
        assertThat(c.add(10, 3, 0, 10)).isEqualTo(c);
        assertThat(c.add(10, 3, Double.NaN, 10)).isEqualTo(c);
    }

    @Test
    void anAlternativeNoWorseThanTheLimitIsRefused() {
        assertThatThrownBy(() -> Cusum.start(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
