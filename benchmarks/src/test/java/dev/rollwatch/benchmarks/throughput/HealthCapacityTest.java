package dev.rollwatch.benchmarks.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthCapacityTest {

    @Test
    void keepingUpWithEveryWatchGivesTheWatchesAsALowerBound() {
        HealthCapacity c = HealthCapacity.of(
                1000, 10, 60, 5_990, 0, Map.of("HEALTHY", 5_990L), Map.of("health-monitor-service", 0.4));

        assertThat(c.requiredPerSecond()).isEqualTo(100.0);
        assertThat(c.keepsUp()).isTrue();
        assertThat(c.releasesAtInterval()).isEqualTo(1000);
        assertThat(c.lowerBound()).isTrue();
    }

    @Test
    void fallingBehindGivesWhatTheAchievedRateCovers() {
        HealthCapacity c = HealthCapacity.of(1000, 10, 60, 3_600, 0, Map.of(), null);

        assertThat(c.achievedPerSecond()).isEqualTo(60.0);
        assertThat(c.keepsUp()).isFalse();
        assertThat(c.releasesAtInterval()).isEqualTo(600);
        assertThat(c.lowerBound()).isFalse();
    }
}
