package dev.rollwatch.healthmonitor.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Strategy;
import dev.rollwatch.healthmonitor.domain.TrackMeasurement;
import org.junit.jupiter.api.Test;

class WatchTargetTest {

    private static WatchTarget of(Strategy.Type strategy) {
        return new WatchTarget("rel-1", "checkout", "shop", null, strategy, null, null, null);
    }

    @Test
    void theNewVersionIsFoundWhereTheExecutorPutsIt() {
        assertThat(of(Strategy.Type.CANARY).trackPattern(TrackMeasurement.CANARY))
                .isEqualTo("canary");
        assertThat(of(Strategy.Type.BLUE_GREEN).trackPattern(TrackMeasurement.CANARY))
                .isEqualTo("preview|canary");
        assertThat(of(Strategy.Type.ROLLING).trackPattern(TrackMeasurement.CANARY))
                .isEqualTo(".*");
        assertThat(of(null).trackPattern(TrackMeasurement.CANARY)).isEqualTo("canary");
    }

    @Test
    void stablePodsCarryNoTrackLabelAndARollingUpdateHasNoBaseline() {
        assertThat(of(Strategy.Type.CANARY).trackPattern(TrackMeasurement.STABLE))
                .isEqualTo("stable|");
        assertThat(of(Strategy.Type.CANARY).hasBaseline()).isTrue();
        assertThat(of(Strategy.Type.ROLLING).hasBaseline()).isFalse();
    }
}
