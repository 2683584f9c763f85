package dev.rollwatch.executor.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.cluster.Marks;
import dev.rollwatch.cluster.ReleaseObjects;
import dev.rollwatch.cluster.routing.RouterVersions;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

/**
 * The executor's configurable names default to the cluster contract's, so the rollback-service and
 * the health monitor find what the executor writes without being configured alike.
 */
class ExecutorConfigDefaultsTest {

    @Test
    void objectNamesDefaultToTheContracts() throws Exception {
        assertThat(defaultOf(ExecutorConfig.class, "canarySuffix")).isEqualTo(ReleaseObjects.DEFAULT_CANARY_SUFFIX);
        assertThat(defaultOf(ExecutorConfig.class, "previewSuffix")).isEqualTo(ReleaseObjects.DEFAULT_PREVIEW_SUFFIX);
        assertThat(defaultOf(ExecutorConfig.class, "trackLabel")).isEqualTo(Marks.DEFAULT_TRACK_LABEL);
    }

    @Test
    void routerApiVersionsDefaultToTheContracts() throws Exception {
        assertThat(defaultOf(ExecutorConfig.Routers.class, "istioApiVersion")).isEqualTo(RouterVersions.DEFAULT_ISTIO);
        assertThat(defaultOf(ExecutorConfig.Routers.class, "gatewayApiVersion"))
                .isEqualTo(RouterVersions.DEFAULT_GATEWAY_API);
        assertThat(defaultOf(ExecutorConfig.Routers.class, "smiApiVersion")).isEqualTo(RouterVersions.DEFAULT_SMI);
    }

    private static String defaultOf(Class<?> mapping, String property) throws NoSuchMethodException {
        return mapping.getMethod(property).getAnnotation(WithDefault.class).value();
    }
}
