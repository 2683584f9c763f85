package dev.rollwatch.rollback.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.rollback.traffic.gatewayapi.HttpRouteCheck;
import dev.rollwatch.rollback.traffic.istio.VirtualServiceCheck;
import dev.rollwatch.rollback.traffic.nginx.CanaryIngressCheck;
import dev.rollwatch.rollback.traffic.none.DeploymentOnlyCheck;
import dev.rollwatch.rollback.traffic.selector.ServiceSelectorCheck;
import dev.rollwatch.rollback.traffic.smi.TrafficSplitCheck;
import org.junit.jupiter.api.Test;

class TrafficChecksTest {

    private final TrafficChecks checks = new TrafficChecks(RouterKinds.defaults());

    @Test
    void picksTheCheckOfEachRouter() {
        assertThat(checks.forRouter(TrafficRouter.Type.REPLICA_RATIO)).isInstanceOf(ServiceSelectorCheck.class);
        assertThat(checks.forRouter(TrafficRouter.Type.ISTIO)).isInstanceOf(VirtualServiceCheck.class);
        assertThat(checks.forRouter(TrafficRouter.Type.GATEWAY_API)).isInstanceOf(HttpRouteCheck.class);
        assertThat(checks.forRouter(TrafficRouter.Type.NGINX)).isInstanceOf(CanaryIngressCheck.class);
        assertThat(checks.forRouter(TrafficRouter.Type.SMI)).isInstanceOf(TrafficSplitCheck.class);
    }

    @Test
    void blueGreenIsJudgedByTheServiceSelectorAndRollingByTheDeploymentAlone() {
        assertThat(checks.forTarget(Targets.of(Strategy.Type.BLUE_GREEN))).isInstanceOf(ServiceSelectorCheck.class);
        assertThat(checks.forTarget(Targets.of(Strategy.Type.ROLLING))).isInstanceOf(DeploymentOnlyCheck.class);
    }

    @Test
    void refusesACanaryWithoutARouterType() {
        assertThatThrownBy(() -> checks.forRouter(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replicaRatio, istio, gatewayApi, nginx, smi");
    }

    @Test
    void refusesAnApiVersionWithoutGroup() {
        assertThatThrownBy(
                        () -> RouterKinds.of("v1beta1", "gateway.networking.k8s.io/v1", "split.smi-spec.io/v1alpha2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<group>/<version>");
    }
}
