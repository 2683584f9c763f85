package dev.rollwatch.rollback.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.cluster.routing.RouterVersions;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

class RollbackConfigTest {

    /** What the rollback-service reads at by default is what the executor writes at by default. */
    @Test
    void theRouterVersionDefaultsAreTheContracts() throws NoSuchMethodException {
        assertThat(defaultOf("istioApiVersion")).isEqualTo(RouterVersions.DEFAULT_ISTIO);
        assertThat(defaultOf("gatewayApiVersion")).isEqualTo(RouterVersions.DEFAULT_GATEWAY_API);
        assertThat(defaultOf("smiApiVersion")).isEqualTo(RouterVersions.DEFAULT_SMI);
    }

    private static String defaultOf(String setting) throws NoSuchMethodException {
        return RollbackConfig.Verification.class
                .getMethod(setting)
                .getAnnotation(WithDefault.class)
                .value();
    }
}
