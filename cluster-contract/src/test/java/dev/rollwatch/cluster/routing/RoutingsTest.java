package dev.rollwatch.cluster.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.cluster.routing.istio.IstioRouting;
import dev.rollwatch.cluster.routing.none.NoRouting;
import dev.rollwatch.cluster.routing.replicaratio.ReplicaRatioRouting;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingsTest {

    private final Routings routings = Routings.standard();

    @Test
    void everyRouterTypeOfTheEventContractHasItsRouting() {
        for (TrafficRouter.Type type : TrafficRouter.Type.values()) {
            assertThat(routings.forType(type).type()).isEqualTo(type);
        }
    }

    @Test
    void aCanaryWithoutARouterSplitsByReplicasAndOtherStrategiesRouteNothing() {
        assertThat(routings.forRelease(Strategy.Type.CANARY, null)).isInstanceOf(ReplicaRatioRouting.class);
        assertThat(routings.forRelease(Strategy.Type.BLUE_GREEN, null)).isSameAs(NoRouting.INSTANCE);
        assertThat(routings.forRelease(Strategy.Type.ROLLING, null).weightedObject(null, RouterVersions.defaults()))
                .isEmpty();
    }

    @Test
    void refusesATypeNoRouterImplementsByName() {
        Routings onlyIstio = new Routings(List.of(new IstioRouting()));

        assertThatThrownBy(() -> onlyIstio.forType(TrafficRouter.Type.SMI))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown traffic router type 'smi'; known types: istio");
    }

    @Test
    void refusesTwoRoutersForOneType() {
        assertThatThrownBy(() -> new Routings(List.of(new IstioRouting(), new IstioRouting())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void meshAndIngressRoutersNeedACanaryServiceReplicaRatioDoesNot() {
        assertThat(Arrays.stream(TrafficRouter.Type.values())
                        .filter(type -> routings.forType(type).needsCanaryService()))
                .containsExactlyInAnyOrder(
                        TrafficRouter.Type.ISTIO,
                        TrafficRouter.Type.GATEWAY_API,
                        TrafficRouter.Type.NGINX,
                        TrafficRouter.Type.SMI);
    }

    @Test
    void aRouteTakesTheRequestsDefaults() {
        Route defaults =
                Route.of("shop", "checkout", new TrafficRouter(TrafficRouter.Type.ISTIO, null, null, null, null));
        Route none = Route.of("shop", "checkout", null);

        assertThat(defaults)
                .isEqualTo(new Route(
                        TrafficRouter.Type.ISTIO, "shop", "checkout", "checkout", "checkout-canary", Map.of()));
        assertThat(none.type()).isEqualTo(TrafficRouter.Type.REPLICA_RATIO);
    }

    @Test
    void aHostNamesAServiceOnlyInTheReleasesNamespace() {
        assertThat(Unstructured.namesService("checkout", "checkout", "shop")).isTrue();
        assertThat(Unstructured.namesService("checkout.shop", "checkout", "shop"))
                .isTrue();
        assertThat(Unstructured.namesService("checkout.shop.svc.cluster.local", "checkout", "shop"))
                .isTrue();
        assertThat(Unstructured.namesService("checkout.payments.svc.cluster.local", "checkout", "shop"))
                .isFalse();
        assertThat(Unstructured.namesService("checkout-canary", "checkout", "shop"))
                .isFalse();
    }
}
