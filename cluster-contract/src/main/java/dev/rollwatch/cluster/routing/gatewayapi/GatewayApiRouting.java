package dev.rollwatch.cluster.routing.gatewayapi;

import dev.rollwatch.cluster.routing.Route;
import dev.rollwatch.cluster.routing.RouteWeights;
import dev.rollwatch.cluster.routing.RouterKind;
import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routing;
import dev.rollwatch.cluster.routing.RoutingException;
import dev.rollwatch.cluster.routing.RoutingObject;
import dev.rollwatch.cluster.routing.Unstructured;
import dev.rollwatch.cluster.routing.WeightedObject;
import dev.rollwatch.events.TrafficRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gateway API: the weights of an HTTPRoute's backendRefs, shifted between the stable and the canary
 * Service in every rule that references both (a backendRef without a weight weighs 1, as the API
 * defines). The HTTPRoute belongs to its owner: it must exist, and only weights change.
 */
public final class GatewayApiRouting implements Routing {

    public static final String KIND = "HTTPRoute";
    public static final String PLURAL = "httproutes";

    /** Gateway API's default weight of a backendRef. */
    private static final double DEFAULT_WEIGHT = 1;

    @Override
    public TrafficRouter.Type type() {
        return TrafficRouter.Type.GATEWAY_API;
    }

    @Override
    public boolean needsCanaryService() {
        return true;
    }

    @Override
    public Optional<WeightedObject> weightedObject(Route route, RouterVersions versions) {
        return Optional.of(new WeightedObject(
                new RouterKind(versions.gatewayApi(), KIND, PLURAL),
                route.resource(),
                GatewayApiRouting::read,
                GatewayApiRouting::write,
                false));
    }

    static List<RouteWeights> read(RoutingObject object, Route route) {
        List<RouteWeights> routes = new ArrayList<>();
        List<Map<String, Object>> rules = Unstructured.list(object.spec(), "rules");
        for (int i = 0; i < rules.size(); i++) {
            Map<String, Object> rule = rules.get(i);
            String name = Unstructured.string(rule, "name");
            RouteWeights weights = new RouteWeights(name != null ? "rule '" + name + "'" : "rule " + (i + 1));
            for (Map<String, Object> ref : Unstructured.list(rule, "backendRefs")) {
                Double given = Unstructured.weight(ref, "weight");
                weights.service(Unstructured.string(ref, "name"), given == null ? DEFAULT_WEIGHT : given, route);
            }
            routes.add(weights);
        }
        return routes;
    }

    static boolean write(RoutingObject object, Route route, int canaryWeight) {
        boolean changed = false;
        int pairs = 0;
        for (Map<String, Object> rule : Unstructured.list(object.spec(), "rules")) {
            Map<String, Object> stable = null;
            Map<String, Object> canary = null;
            for (Map<String, Object> ref : Unstructured.list(rule, "backendRefs")) {
                String name = Unstructured.string(ref, "name");
                if (route.stableService().equals(name)) {
                    stable = ref;
                } else if (route.canaryService().equals(name)) {
                    canary = ref;
                }
            }
            if (stable != null && canary != null) {
                pairs++;
                changed |= Unstructured.setWeight(stable, 100 - canaryWeight)
                        | Unstructured.setWeight(canary, canaryWeight);
            }
        }
        if (pairs == 0) {
            throw new RoutingException(KIND + " " + route.qualified(route.resource()) + " has no rule with backendRefs "
                    + route.stableService() + " and " + route.canaryService());
        }
        return changed;
    }
}
