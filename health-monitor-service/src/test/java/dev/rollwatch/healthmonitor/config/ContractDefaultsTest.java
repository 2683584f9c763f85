package dev.rollwatch.healthmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.cluster.Marks;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

/** The health monitor finds a release's pods by the track label the executor writes, unless both are reconfigured. */
class ContractDefaultsTest {

    @Test
    void podsAreToldApartByTheContractsTrackLabel() throws Exception {
        String configured = HealthConfig.Scrape.Kubernetes.class
                .getMethod("trackLabel")
                .getAnnotation(WithDefault.class)
                .value();

        assertThat(configured).isEqualTo(Marks.DEFAULT_TRACK_LABEL);
    }
}
