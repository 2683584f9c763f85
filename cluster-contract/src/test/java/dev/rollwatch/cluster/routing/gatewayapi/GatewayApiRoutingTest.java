package dev.rollwatch.cluster.routing.gatewayapi;

import static dev.rollwatch.cluster.routing.Objects.route;
import static dev.rollwatch.cluster.routing.Objects.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.cluster.routing.Route;
import dev.rollwatch.cluster.routing.RouteWeights;
import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.RoutingException;
import dev.rollwatch.cluster.routing.RoutingObject;
import dev.rollwatch.cluster.routing.WeightedObject;
import dev.rollwatch.events.TrafficRouter;
import org.junit.jupiter.api.Test;

class GatewayApiRoutingTest {

    private static final Route ROUTE = route(TrafficRouter.Type.GATEWAY_API);
    private final WeightedObject httpRoute = new GatewayApiRouting()
            .weightedObject(
                    ROUTE, new RouterVersions("networking.istio.io/v1", "gateway.networking.k8s.io/v1beta1", "x/y"))
            .orElseThrow();

    @Test
    void isTheHttpRouteAtTheConfiguredVersion() {
        assertThat(httpRoute.kind().group()).isEqualTo("gateway.networking.k8s.io");
        assertThat(httpRoute.kind().version()).isEqualTo("v1beta1");
        assertThat(httpRoute.kind().plural()).isEqualTo("httproutes");
    }

    @Test
    void weighsTheBackendRefsOfEveryRuleWithBothServices() {
        RoutingObject object = spec("""
                {'rules': [
                  {'name': 'api', 'backendRefs': [{'name': 'checkout', 'port': 80}, {'name': 'checkout-canary', 'port': 80, 'weight': 0}]},
                  {'backendRefs': [{'name': 'static'}]}]}
                """);

        assertThat(httpRoute.writer().write(object, ROUTE, 10)).isTrue();

        assertThat(httpRoute.reader().read(object, ROUTE))
                .extracting(RouteWeights::describe)
                .containsExactly("rule 'api': 90% stable, 10% canary", "rule 2: 0% stable, 0% canary, 100% to static");
    }

    @Test
    void aBackendRefWithoutAWeightWeighsOneAsTheApiDefines() {
        RouteWeights rule = httpRoute
                .reader()
                .read(spec("{'rules': [{'backendRefs': [{'name': 'checkout'}, {'name': 'checkout-canary'}]}]}"), ROUTE)
                .get(0);

        assertThat(rule.canaryPercent()).isEqualTo(50);
        assertThat(rule.allToStable()).isFalse();
    }

    @Test
    void refusesARouteWithoutBothServicesNamingThem() {
        assertThatThrownBy(() -> httpRoute
                        .writer()
                        .write(spec("{'rules': [{'backendRefs': [{'name': 'checkout'}]}]}"), ROUTE, 10))
                .isInstanceOf(RoutingException.class)
                .hasMessage("HTTPRoute shop/checkout has no rule with backendRefs checkout and checkout-canary");
    }
}
