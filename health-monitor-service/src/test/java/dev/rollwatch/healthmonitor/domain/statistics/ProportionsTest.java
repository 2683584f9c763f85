package dev.rollwatch.healthmonitor.domain.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ProportionsTest {

    @Test
    void noFailuresInAHundredRequestsBoundsTheRateUnderThreePercent() {
        // Clopper-Pearson with no events has a closed form: 1 - alpha^(1/n).
        assertThat(Proportions.upperBound(0, 100, 0.95)).isCloseTo(1 - Math.pow(0.05, 0.01), Offset.offset(1e-9));
    }

    @Test
    void moreRequestsNarrowTheBound() {
        double few = Proportions.upperBound(2, 100, 0.95);
        double many = Proportions.upperBound(20, 1000, 0.95);

        assertThat(few).isGreaterThan(many).isGreaterThan(0.02);
        assertThat(many).isCloseTo(0.0288, Offset.offset(0.001));
    }

    @Test
    void nothingObservedOrAllFailedRulesNothingOut() {
        assertThat(Proportions.upperBound(0, 0, 0.95)).isEqualTo(1);
        assertThat(Proportions.upperBound(5, 5, 0.95)).isEqualTo(1);
    }
}
