package dev.rollwatch.healthmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The health monitor refuses to start on settings that cannot work, naming the property to fix. */
class HealthConfigCheckTest {

    private static HealthConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                // Quarkus' own duration syntax (10s, 1m), as the service reads it.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(HealthConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(HealthConfig.class);
    }

    @Test
    void theDefaultsStartFine() {
        assertThat(HealthConfigCheck.problems(config(Map.of()))).isEmpty();
    }

    @Test
    void aDefaultP95LimitAboveTheHardLimitFailsTheStartInsteadOfBeingCutDown() {
        assertThat(HealthConfigCheck.problems(config(Map.of("rollwatch.health.defaults.max-p95-latency-ms", "3000"))))
                .singleElement()
                .asString()
                .startsWith("rollwatch.health.defaults.max-p95-latency-ms (3000.0) is above "
                        + "rollwatch.health.hard-limits.max-p95-latency-ms (2000.0)");
    }

    @Test
    void aDefaultErrorRateAboveTheHardLimitFailsTheStart() {
        assertThat(HealthConfigCheck.problems(config(Map.of("rollwatch.health.defaults.max-error-rate", "0.1"))))
                .singleElement()
                .asString()
                .startsWith("rollwatch.health.defaults.max-error-rate (0.1) is above "
                        + "rollwatch.health.hard-limits.max-error-rate (0.05)");
    }

    @Test
    void raisingTheHardLimitWithTheDefaultIsFine() {
        assertThat(HealthConfigCheck.problems(config(Map.of(
                        "rollwatch.health.defaults.max-p95-latency-ms",
                        "3000",
                        "rollwatch.health.hard-limits.max-p95-latency-ms",
                        "3000"))))
                .isEmpty();
    }

    @Test
    void aScrapeTimeoutNotShorterThanTheShortestIntervalFailsTheStart() {
        assertThat(HealthConfigCheck.problems(config(Map.of("rollwatch.health.scrape.timeout", "1s"))))
                .singleElement()
                .asString()
                .startsWith("rollwatch.health.scrape.timeout (1000ms) must be above zero and shorter than the "
                        + "shortest evaluation interval (1000ms");
        assertThat(HealthConfigCheck.problems(config(Map.of(
                        "rollwatch.health.scrape.timeout", "400ms", "rollwatch.health.defaults.interval", "300ms"))))
                .singleElement()
                .asString()
                .contains("rollwatch.health.defaults.interval");
        assertThat(HealthConfigCheck.problems(config(Map.of("rollwatch.health.scrape.timeout", "900ms"))))
                .isEmpty();
    }

    @Test
    void aDefaultWindowLongerThanTheHardLimitFailsTheStart() {
        assertThat(HealthConfigCheck.problems(config(Map.of("rollwatch.health.defaults.window", "1h"))))
                .singleElement()
                .asString()
                .isEqualTo(
                        "rollwatch.health.defaults.window is above rollwatch.health.hard-limits.max-window: raise the"
                                + " hard limit as well, or no release could ever get the default");
    }

    @Test
    void aDefaultRegressionRatioLooserThanTheHardLimitOrUnderOneFailsTheStart() {
        assertThat(HealthConfigCheck.problems(config(Map.of("rollwatch.health.defaults.max-regression-ratio", "4"))))
                .singleElement()
                .asString()
                .startsWith("rollwatch.health.defaults.max-regression-ratio is above "
                        + "rollwatch.health.hard-limits.max-regression-ratio");
        assertThat(HealthConfigCheck.problems(config(Map.of("rollwatch.health.defaults.max-regression-ratio", "0.8"))))
                .singleElement()
                .asString()
                .contains("is under 1");
    }

    @Test
    void podHealthDefaultsLooserThanTheHardLimitsFailTheStart() {
        assertThat(HealthConfigCheck.problems(config(Map.of("rollwatch.health.pods.max-failures", "5"))))
                .singleElement()
                .asString()
                .startsWith("rollwatch.health.pods.max-failures is above "
                        + "rollwatch.health.hard-limits.max-pod-failures");
        assertThat(HealthConfigCheck.problems(config(Map.of("rollwatch.health.pods.failure-window", "30s"))))
                .singleElement()
                .asString()
                .startsWith("rollwatch.health.pods.failure-window is shorter than "
                        + "rollwatch.health.hard-limits.min-pod-failure-window");
    }
}
