package dev.rollwatch.rollback.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routings;
import dev.rollwatch.cluster.routing.WeightedObject;
import dev.rollwatch.cluster.routing.istio.IstioRouting;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.rollback.traffic.none.NoTrafficCheck;
import dev.rollwatch.rollback.traffic.selector.ServiceSelectorCheck;
import dev.rollwatch.rollback.traffic.weighted.WeightedObjectCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficChecksTest {

    private final TrafficChecks checks = new TrafficChecks(Routings.standard(), RouterVersions.defaults());

    @Test
    void aReplicaRatioCanaryIsJudgedByTheServiceSelectorEveryOtherRouterByItsWeightedObject() {
        assertThat(checks.forTarget(Targets.canary(TrafficRouter.Type.REPLICA_RATIO)))
                .isInstanceOf(ServiceSelectorCheck.class);
        for (TrafficRouter.Type router : List.of(
                TrafficRouter.Type.ISTIO,
                TrafficRouter.Type.GATEWAY_API,
                TrafficRouter.Type.NGINX,
                TrafficRouter.Type.SMI)) {
            assertThat(checks.forTarget(Targets.canary(router))).isInstanceOf(WeightedObjectCheck.class);
        }
    }

    @Test
    void blueGreenIsJudgedByTheServiceSelectorAndRollingByTheDeploymentAlone() {
        assertThat(checks.forTarget(Targets.of(Strategy.Type.BLUE_GREEN))).isInstanceOf(ServiceSelectorCheck.class);
        assertThat(checks.forTarget(Targets.of(Strategy.Type.ROLLING))).isSameAs(NoTrafficCheck.INSTANCE);
    }

    @Test
    void readsEachRoutersObjectAtTheConfiguredVersion() {
        TrafficChecks beta = new TrafficChecks(
                Routings.standard(),
                new RouterVersions(
                        "networking.istio.io/v1beta1",
                        "gateway.networking.k8s.io/v1beta1",
                        "split.smi-spec.io/v1alpha1"));

        assertThat(beta.weightedObject(Targets.canary(TrafficRouter.Type.ISTIO)))
                .map(o -> o.kind().apiVersion())
                .contains("networking.istio.io/v1beta1");
        assertThat(beta.weightedObject(Targets.canary(TrafficRouter.Type.SMI)))
                .map(o -> o.kind().apiVersion())
                .contains("split.smi-spec.io/v1alpha1");
        assertThat(beta.weightedObject(Targets.of(Strategy.Type.BLUE_GREEN))).isEmpty();
    }

    @Test
    void theRegistryRefusesARouterItDoesNotKnow() {
        TrafficChecks onlyIstio =
                new TrafficChecks(new Routings(List.of(new IstioRouting())), RouterVersions.defaults());

        assertThat(onlyIstio.weightedObject(Targets.canary(TrafficRouter.Type.ISTIO)))
                .map(WeightedObject::name)
                .contains("checkout");
        assertThatThrownBy(() -> onlyIstio.forTarget(Targets.canary(TrafficRouter.Type.SMI)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown traffic router type 'smi'; known types: istio");
    }

    @Test
    void refusesACanaryWithoutARouterType() {
        assertThatThrownBy(() -> checks.forTarget(Targets.of(Strategy.Type.CANARY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replicaRatio, istio, gatewayApi, nginx, smi");
    }

    @Test
    void refusesAnApiVersionWithoutGroup() {
        TrafficChecks unversioned = new TrafficChecks(
                Routings.standard(),
                new RouterVersions("v1beta1", RouterVersions.DEFAULT_GATEWAY_API, RouterVersions.DEFAULT_SMI));

        assertThatThrownBy(() -> unversioned.forTarget(Targets.canary(TrafficRouter.Type.ISTIO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<group>/<version>");
    }
}
