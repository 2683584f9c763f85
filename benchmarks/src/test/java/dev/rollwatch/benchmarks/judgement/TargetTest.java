package dev.rollwatch.benchmarks.judgement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rollwatch.benchmarks.judgement.Target.Status;
import dev.rollwatch.healthmonitor.domain.Verdict;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void theUpperBoundOfNoEventIsTheRuleOfThree() {
        assertThat(RateBound.upper95(0, 3000))
                .isCloseTo(1 - Math.pow(0.05, 1.0 / 3000), within(1e-9))
                .isLessThan(0.001);
        assertThat(RateBound.upper95(0, 2900)).isGreaterThan(0.001);
        assertThat(RateBound.upper95(5, 100)).isCloseTo(0.1019, within(0.0005));
        assertThat(RateBound.upper95(3, 3)).isEqualTo(1);
        assertThat(RateBound.upper95(0, 0)).isEqualTo(1);
    }

    @Test
    void aRateIsMetOnlyWhenItsBoundIsUnderTheTarget() {
        Target target = Target.rollbacksBelow(0.001);

        assertThat(target.text()).isEqualTo("rolled back in < 0.1% of runs");
        assertThat(target.status(0, 3000, RateBound.upper95(0, 3000), 0, Double.NaN))
                .isEqualTo(Status.MET);
        assertThat(target.status(0, 1000, RateBound.upper95(0, 1000), 0, Double.NaN))
                .isEqualTo(Status.INCONCLUSIVE);
        assertThat(target.status(2, 1000, RateBound.upper95(2, 1000), 0, Double.NaN))
                .isEqualTo(Status.NOT_MET);
    }

    @Test
    void neverMeansNoRollbackAtAllAndMostlyAlsoChecksTheVerdicts() {
        Target target = Target.neverRolledBack().mostly(Verdict.UNKNOWN);

        assertThat(target.text()).isEqualTo("never rolled back, mostly UNKNOWN");
        assertThat(target.status(0, 10, 0.26, 0, 0.9)).isEqualTo(Status.MET);
        assertThat(target.status(1, 10, 0.4, 0, 0.9)).isEqualTo(Status.NOT_MET);
        assertThat(target.status(0, 10, 0.26, 0, 0.4)).isEqualTo(Status.NOT_MET);
    }

    @Test
    void aDetectionTargetHoldsForNinetyFivePercentOfTheRuns() {
        Target target = Target.detectedWithin(10);

        assertThat(target.text()).isEqualTo("detected within 10 s (p95)");
        assertThat(target.status(100, 100, 1, 0.95, Double.NaN)).isEqualTo(Status.MET);
        assertThat(target.status(100, 100, 1, 0.94, Double.NaN)).isEqualTo(Status.NOT_MET);
    }

    @Test
    void aReportHasNoVerdict() {
        assertThat(Target.reportOnly("report").status(3, 10, 0.6, 0, Double.NaN))
                .isEqualTo(Status.REPORTED);
    }

    @Test
    void percentagesDropTrailingZeros() {
        assertThat(Target.percent(0.001)).isEqualTo("0.1%");
        assertThat(Target.percent(0.01)).isEqualTo("1%");
        assertThat(Target.percent(0.025)).isEqualTo("2.5%");
    }
}
