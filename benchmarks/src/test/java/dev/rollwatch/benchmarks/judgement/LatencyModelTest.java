package dev.rollwatch.benchmarks.judgement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyModelTest {

    @Test
    void theP95IsWhereFivePercentOfRequestsAreSlower() {
        LatencyModel model = LatencyModel.withP95(200);

        assertThat(model.p95Ms()).isCloseTo(200, within(1e-9));
        assertThat(model.shareSlowerThan(200)).isCloseTo(0.05, within(1e-6));
        assertThat(LatencyModel.HEALTHY.shareSlowerThan(500))
                .as("a healthy service is far under 500 ms")
                .isLessThan(0.001);
        assertThat(LatencyModel.withP95(1000).shareSlowerThan(500)).isBetween(0.3, 0.4);
    }

    @Test
    void theCumulativeBucketsRiseToOneAtInfinity() {
        double[] cumulative = LatencyModel.HEALTHY.cumulative();

        assertThat(cumulative).hasSize(LatencyModel.BOUNDS_SECONDS.length + 1);
        for (int i = 1; i < cumulative.length; i++) {
            assertThat(cumulative[i]).isGreaterThanOrEqualTo(cumulative[i - 1]);
        }
        assertThat(cumulative[cumulative.length - 1]).isEqualTo(1);
    }

    @Test
    void drawnBucketsFollowTheDistribution() {
        double[] cumulative = LatencyModel.HEALTHY.cumulative();
        SplittableRandom random = new SplittableRandom(7);
        int draws = 200_000;
        int atOrUnder250 = 0;
        for (int i = 0; i < draws; i++) {
            // Bucket 5 is le=0.25 s.
            if (LatencyModel.bucket(cumulative, random) <= 5) {
                atOrUnder250++;
            }
        }
        assertThat((double) atOrUnder250 / draws).isCloseTo(cumulative[5], within(0.005));
    }
}
