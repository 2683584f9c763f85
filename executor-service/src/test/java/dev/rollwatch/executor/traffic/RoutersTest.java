package dev.rollwatch.executor.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.executor.traffic.none.NoRouting;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutersTest {

    /** A router that only says which type it is. */
    private record Named(TrafficRouter.Type type) implements Router {
        @Override
        public RouteSnapshot snapshot(RouteContext route) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Routed route(RouteContext route, int weight) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void restore(RouteContext route, RouteSnapshot snapshot) {
            throw new UnsupportedOperationException();
        }
    }

    private final Router replicaRatio = new Named(TrafficRouter.Type.REPLICA_RATIO);
    private final Router istio = new Named(TrafficRouter.Type.ISTIO);
    private final Routers routers = new Routers(List.of(replicaRatio, istio));

    @Test
    void picksTheRouterOfTheRequestedType() {
        assertThat(routers.forType(TrafficRouter.Type.ISTIO)).isSameAs(istio);
        assertThat(routers.forRelease(ReleaseRequestBuilder.canary()
                        .trafficRouter(new TrafficRouter(TrafficRouter.Type.ISTIO, null, null, null, null))
                        .build()))
                .isSameAs(istio);
    }

    @Test
    void rejectsATypeNoRouterImplementsAndNamesTheKnownOnes() {
        assertThatThrownBy(() -> routers.forType(TrafficRouter.Type.SMI))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown traffic router type 'smi'; known types: replicaRatio, istio");
        assertThatThrownBy(() -> routers.forType(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCanaryWithoutRouterSplitsByReplicasAndOtherStrategiesRouteNothing() {
        assertThat(routers.forRelease(
                        ReleaseRequestBuilder.canary().trafficRouter(null).build()))
                .isSameAs(replicaRatio);
        assertThat(routers.forRelease(ReleaseRequestBuilder.blueGreen().build()))
                .isSameAs(NoRouting.INSTANCE);
        assertThat(routers.forRelease(ReleaseRequestBuilder.rolling().build())).isSameAs(NoRouting.INSTANCE);
    }

    @Test
    void twoRoutersForOneTypeAreAConfigurationError() {
        assertThatThrownBy(() -> new Routers(List.of(istio, new Named(TrafficRouter.Type.ISTIO))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two traffic router providers for type 'istio'");
    }

    @Test
    void routeContextDefaultsFollowTheApplication() {
        RouteContext route = Routers.contextOf(
                ReleaseRequestBuilder.canary().application("web").build(), "web", "web-canary", 3);

        assertThat(route.resource()).isEqualTo("web");
        assertThat(route.stableService()).isEqualTo("web");
        assertThat(route.canaryService()).isEqualTo("web-canary");
        assertThat(route.stableReplicas()).isEqualTo(3);
    }
}
