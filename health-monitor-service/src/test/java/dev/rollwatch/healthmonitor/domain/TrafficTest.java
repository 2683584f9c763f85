package dev.rollwatch.healthmonitor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrafficTest {

    /** 100 requests: 60 within 100 ms, 30 more within 500 ms, 10 slower. */
    private static Traffic traffic() {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        buckets.put(100.0, 60.0);
        buckets.put(500.0, 90.0);
        buckets.put(Double.POSITIVE_INFINITY, 100.0);
        return new Traffic(100, 4, buckets);
    }

    @Test
    void requestsSlowerThanABucketBoundAreKnownExactly() {
        assertThat(traffic().surelySlowerThan(500)).isEqualTo(10);
        assertThat(traffic().possiblySlowerThan(500)).isEqualTo(10);
    }

    @Test
    void betweenBoundsABreachCountsOnlyTheSurelySlowerAndBeingWithinCountsTheMaybes() {
        assertThat(traffic().surelySlowerThan(300)).isEqualTo(10);
        assertThat(traffic().possiblySlowerThan(300)).isEqualTo(40);
    }

    @Test
    void aboveTheTopFiniteBucketNothingIsSurelySlower() {
        assertThat(traffic().surelySlowerThan(2000)).isZero();
        assertThat(traffic().possiblySlowerThan(2000)).isEqualTo(10);
        assertThat(traffic().topFiniteBoundMs()).isEqualTo(500);
    }

    @Test
    void scaledTrafficKeepsItsRatesAndAddedTrafficItsCounts() {
        Traffic half = traffic().scaled(0.5);
        Traffic both = traffic().plus(half);

        assertThat(half.errorRate()).isEqualTo(0.04);
        assertThat(both.requests()).isEqualTo(150);
        assertThat(both.latencyObservations()).isEqualTo(150);
        assertThat(both.surelySlowerThan(500)).isEqualTo(15);
    }

    @Test
    void withoutAHistogramThereIsNoLatency() {
        Traffic none = new Traffic(10, 0, new TreeMap<>());

        assertThat(none.hasLatency()).isFalse();
        assertThat(none.possiblySlowerThan(100)).isZero();
        assertThat(none.quantileMs(0.95)).isNaN();
    }
}
