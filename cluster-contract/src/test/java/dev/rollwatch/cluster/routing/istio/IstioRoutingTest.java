package dev.rollwatch.cluster.routing.istio;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IstioRoutingTest {

    private static final Route ROUTE = route(TrafficRouter.Type.ISTIO);
    private final WeightedObject virtualService =
            new IstioRouting().weightedObject(ROUTE, RouterVersions.defaults()).orElseThrow();

    private static final String TWO_ROUTES = """
            {'http': [
              {'name': 'primary', 'route': [
                {'destination': {'host': 'checkout'}, 'weight': 100},
                {'destination': {'host': 'checkout-canary.shop.svc.cluster.local'}, 'weight': 0}]},
              {'name': 'mirror', 'route': [
                {'destination': {'host': 'checkout.shop'}, 'weight': 100},
                {'destination': {'host': 'checkout-canary'}, 'weight': 0}]}]}
            """;

    @Test
    void isTheVirtualServiceNamedByTheResourceAtTheConfiguredVersion() {
        assertThat(virtualService.kind().apiVersion()).isEqualTo("networking.istio.io/v1");
        assertThat(virtualService.describe(ROUTE)).isEqualTo("VirtualService shop/checkout");
        assertThat(virtualService.created()).isFalse();
    }

    @Test
    void shiftsTheWeightOfEveryRouteWithBothDestinationsAndReadsItBack() {
        RoutingObject object = spec(TWO_ROUTES);

        assertThat(virtualService.writer().write(object, ROUTE, 25)).isTrue();

        List<RouteWeights> routes = virtualService.reader().read(object, ROUTE);
        assertThat(routes).extracting(RouteWeights::canaryPercent).containsExactly(25, 25);
        assertThat(routes)
                .extracting(RouteWeights::describe)
                .containsExactly("route 'primary': 75% stable, 25% canary", "route 'mirror': 75% stable, 25% canary");
    }

    @Test
    void writingTheWeightInForceChangesNothing() {
        RoutingObject object = spec(TWO_ROUTES);
        virtualService.writer().write(object, ROUTE, 10);

        assertThat(virtualService.writer().write(object, ROUTE, 10)).isFalse();
    }

    @Test
    void changesOnlyTheRouteTheOptionNames() {
        Route primary = route(TrafficRouter.Type.ISTIO, Map.of("route", "mirror"));
        RoutingObject object = spec(TWO_ROUTES);

        virtualService.writer().write(object, primary, 50);

        assertThat(new IstioRouting()
                        .weightedObject(ROUTE, RouterVersions.defaults())
                        .orElseThrow()
                        .reader()
                        .read(object, ROUTE))
                .extracting(RouteWeights::canaryPercent)
                .containsExactly(0, 50);
    }

    @Test
    void aHostOfTheSameNameInAnotherNamespaceIsAnotherService() {
        RoutingObject object = spec("""
                {'http': [{'route': [
                  {'destination': {'host': 'checkout'}, 'weight': 100},
                  {'destination': {'host': 'checkout-canary.payments.svc.cluster.local'}, 'weight': 0}]}]}
                """);

        assertThatThrownBy(() -> virtualService.writer().write(object, ROUTE, 10))
                .isInstanceOf(RoutingException.class)
                .hasMessage("VirtualService shop/checkout has no HTTP route with destinations checkout and "
                        + "checkout-canary");
        assertThat(virtualService.reader().read(object, ROUTE).get(0).describe())
                .isEqualTo("route: 100% stable");
    }

    @Test
    void subsetsTellTheVersionsApartBehindOneHostForReaderAndWriterAlike() {
        Route subsets = route(TrafficRouter.Type.ISTIO, Map.of("stableSubset", "v1", "canarySubset", "v2"));
        RoutingObject object = spec("""
                {'http': [{'route': [
                  {'destination': {'host': 'checkout', 'subset': 'v1'}, 'weight': 100},
                  {'destination': {'host': 'checkout', 'subset': 'v2'}, 'weight': 0}]}]}
                """);

        virtualService.writer().write(object, subsets, 30);

        assertThat(object.spec().toString()).contains("subset=v1}, weight=70", "subset=v2}, weight=30");
        assertThat(virtualService.reader().read(object, subsets).get(0).canaryPercent())
                .isEqualTo(30);
    }

    @Test
    void aLoneDestinationWithoutAWeightTakesAllTheTraffic() {
        RouteWeights only = virtualService
                .reader()
                .read(spec("{'http': [{'route': [{'destination': {'host': 'checkout'}}]}]}"), ROUTE)
                .get(0);

        assertThat(only.allToStable()).isTrue();
    }

    @Test
    void trafficToAThirdServiceIsNotStable() {
        RouteWeights route = virtualService.reader().read(spec("""
                                {'http': [{'route': [
                                  {'destination': {'host': 'checkout'}, 'weight': 90},
                                  {'destination': {'host': 'legacy', 'subset': 'old'}, 'weight': 10}]}]}
                                """), ROUTE).get(0);

        assertThat(route.allToStable()).isFalse();
        assertThat(route.describe()).isEqualTo("route: 90% stable, 0% canary, 10% to legacy/old");
    }

    @Test
    void neverChangesTheCallersMaps() {
        Map<String, Object> owned = dev.rollwatch.cluster.routing.Objects.json(TWO_ROUTES);
        String before = owned.toString();

        virtualService.writer().write(new RoutingObject(null, owned), ROUTE, 40);

        assertThat(owned.toString()).isEqualTo(before);
    }
}
