package dev.rollwatch.healthmonitor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.events.Slo;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SloPolicyTest {

    private static final SloPolicy DEFAULTS =
            new SloPolicy(0.05, 2000, null, null, 50, Duration.ofSeconds(10), Duration.ofMinutes(1), 3, 0.01, 50);

    @Test
    void aReleaseWithoutSlosGetsTheDefaults() {
        assertThat(SloPolicy.resolve(null, DEFAULTS)).isEqualTo(DEFAULTS);
    }

    @Test
    void aReleaseMayTightenAnySlo() {
        Slo slo = new Slo(0.01, 500.0, 900.0, 1.5, 20, "5s", "30s", 2, null);

        SloPolicy p = SloPolicy.resolve(slo, DEFAULTS);

        assertThat(p)
                .isEqualTo(new SloPolicy(
                        0.01, 500, 900.0, 1.5, 20, Duration.ofSeconds(5), Duration.ofSeconds(30), 2, 0.01, 50));
        assertThat(p.windowText()).isEqualTo("30s");
    }

    @Test
    void unsetFieldsKeepTheirDefaults() {
        SloPolicy p = SloPolicy.resolve(new Slo(null, 800.0, null, null, null, null, null, null, null), DEFAULTS);

        assertThat(p.maxErrorRate()).isEqualTo(0.05);
        assertThat(p.maxP95LatencyMs()).isEqualTo(800);
        assertThat(p.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.consecutiveFailures()).isEqualTo(3);
    }

    @Test
    void anIntervalLongerThanTheDefaultWindowStretchesTheWindow() {
        SloPolicy p = SloPolicy.resolve(new Slo(null, null, null, null, null, "2m", null, null, null), DEFAULTS);

        assertThat(p.window()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aReleaseCannotLoosenTheHardLimitsOnlyTightenThem() {
        SloPolicy.HardLimits limits = new SloPolicy.HardLimits(0.05, 2000);

        SloPolicy loose =
                SloPolicy.resolve(new Slo(0.2, 5000.0, null, null, null, null, null, null, null), DEFAULTS, limits);
        SloPolicy tight =
                SloPolicy.resolve(new Slo(0.01, 300.0, null, null, null, null, null, null, null), DEFAULTS, limits);

        assertThat(loose.maxErrorRate()).isEqualTo(0.05);
        assertThat(loose.maxP95LatencyMs()).isEqualTo(2000);
        assertThat(tight.maxErrorRate()).isEqualTo(0.01);
        assertThat(tight.maxP95LatencyMs()).isEqualTo(300);
    }

    @Test
    void refusesAPolicyThatCouldNeverJudge() {
        assertThatThrownBy(() -> new SloPolicy(
                        0.05, 2000, null, null, 0, Duration.ofSeconds(10), Duration.ofMinutes(1), 3, 0.01, 50))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noSettingCanSwitchJudgingOffByTheBackDoor() {
        SloPolicy.HardLimits limits =
                new SloPolicy.HardLimits(0.05, 2000, 1000, 5, Duration.ofMinutes(1), Duration.ofMinutes(15), 3);

        SloPolicy loose = SloPolicy.resolve(
                new Slo(null, null, null, 100.0, 1_000_000, "1h", "24h", 100, null), DEFAULTS, limits);

        assertThat(loose.minRequestsPerWindow()).isEqualTo(1000);
        assertThat(loose.consecutiveFailures()).isEqualTo(5);
        assertThat(loose.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(loose.window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(loose.maxRegressionRatio()).isEqualTo(3);
    }
}
