package dev.rollwatch.healthmonitor.domain.pods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Slo;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PodPolicyTest {

    private static final PodPolicy DEFAULTS = new PodPolicy(3, Duration.ofMinutes(2));
    private static final PodPolicy.Limits LIMITS = new PodPolicy.Limits(3, Duration.ofMinutes(2));

    @Test
    void aReleaseWithoutItsOwnLimitsGetsTheDefaults() {
        assertThat(PodPolicy.resolve(null, DEFAULTS, LIMITS)).isEqualTo(DEFAULTS);
        assertThat(PodPolicy.resolve(new Slo.PodHealth(null, null), DEFAULTS, LIMITS))
                .isEqualTo(DEFAULTS);
    }

    @Test
    void aReleaseMayTolerateFewerFailuresOrCountThemOverLonger() {
        assertThat(PodPolicy.resolve(new Slo.PodHealth(1, "10m"), DEFAULTS, LIMITS))
                .isEqualTo(new PodPolicy(1, Duration.ofMinutes(10)));
    }

    @Test
    void aReleaseAskingForLooserLimitsGetsTheHardLimits() {
        assertThat(PodPolicy.resolve(new Slo.PodHealth(20, "10s"), DEFAULTS, LIMITS))
                .isEqualTo(new PodPolicy(3, Duration.ofMinutes(2)));
    }
}
