package dev.rollwatch.cluster.routing.smi;

import static dev.rollwatch.cluster.routing.Objects.route;
import static dev.rollwatch.cluster.routing.Objects.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.cluster.routing.Route;
import dev.rollwatch.cluster.routing.RouteWeights;
import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.RoutingObject;
import dev.rollwatch.cluster.routing.WeightedObject;
import dev.rollwatch.events.TrafficRouter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmiRoutingTest {

    private static final Route ROUTE = route(TrafficRouter.Type.SMI);
    private final WeightedObject split =
            new SmiRouting().weightedObject(ROUTE, RouterVersions.defaults()).orElseThrow();

    @Test
    void createsTheSplitOnTheRootServiceWhenTheReleaseFindsNone() {
        RoutingObject created = RoutingObject.empty();

        assertThat(split.created()).isTrue();
        assertThat(split.writer().write(created, route(TrafficRouter.Type.SMI, Map.of("rootService", "web")), 20))
                .isTrue();

        assertThat(created.spec()).isEqualTo(dev.rollwatch.cluster.routing.Objects.json("""
                        {'service': 'web', 'backends': [
                          {'service': 'checkout', 'weight': 80}, {'service': 'checkout-canary', 'weight': 20}]}
                        """));
    }

    @Test
    void keepsTheBackendsItsOwnerAddedAndChangesNothingTwice() {
        RoutingObject object = spec("""
                {'service': 'checkout', 'backends': [
                  {'service': 'checkout-legacy', 'weight': 0}, {'service': 'checkout', 'weight': 100}]}
                """);

        split.writer().write(object, ROUTE, 50);

        assertThat(object.spec().get("backends").toString()).startsWith("[{service=checkout-legacy, weight=0}");
        assertThat(split.writer().write(object, ROUTE, 50)).isFalse();
        assertThat(split.reader().read(object, ROUTE).get(0).canaryPercent()).isEqualTo(50);
    }

    @Test
    void readsV1alpha1QuantitiesAsWeights() {
        RouteWeights weights = split.reader()
                .read(
                        spec("{'backends': [{'service': 'checkout', 'weight': '900m'}, "
                                + "{'service': 'checkout-canary', 'weight': '100m'}]}"),
                        ROUTE)
                .get(0);

        assertThat(weights.canaryPercent()).isEqualTo(10);
    }

    @Test
    void aSplitThatNamesNeitherServiceHasNoRouteOfTheRelease() {
        assertThat(split.reader().read(spec("{'backends': [{'service': 'other', 'weight': 1}]}"), ROUTE))
                .isEmpty();
    }
}
