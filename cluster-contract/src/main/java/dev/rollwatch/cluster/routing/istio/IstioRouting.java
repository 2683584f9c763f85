package dev.rollwatch.cluster.routing.istio;

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
 * Istio: the weights of a VirtualService's HTTP route destinations, shifted between the stable and
 * the canary Service as Argo Rollouts does. Destinations are told apart by host (short name or a name
 * qualified with the release's namespace), or by subset when options {@code stableSubset} and
 * {@code canarySubset} name DestinationRule subsets. Option {@code route} limits everything to the
 * HTTP route of that name; otherwise every route with both destinations is managed. The
 * VirtualService belongs to its owner: it must exist, and only weights change.
 */
public final class IstioRouting implements Routing {

    public static final String KIND = "VirtualService";
    public static final String PLURAL = "virtualservices";

    private enum Side {
        STABLE,
        CANARY,
        OTHER
    }

    @Override
    public TrafficRouter.Type type() {
        return TrafficRouter.Type.ISTIO;
    }

    @Override
    public boolean needsCanaryService() {
        return true;
    }

    @Override
    public Optional<WeightedObject> weightedObject(Route route, RouterVersions versions) {
        return Optional.of(new WeightedObject(
                new RouterKind(versions.istio(), KIND, PLURAL),
                route.resource(),
                IstioRouting::read,
                IstioRouting::write,
                false));
    }

    static List<RouteWeights> read(RoutingObject object, Route route) {
        List<RouteWeights> routes = new ArrayList<>();
        for (Map<String, Object> http : managedRoutes(object, route)) {
            String name = Unstructured.string(http, "name");
            RouteWeights weights = new RouteWeights(name == null ? null : "route '" + name + "'");
            List<Map<String, Object>> destinations = Unstructured.list(http, "route");
            for (Map<String, Object> entry : destinations) {
                Double given = Unstructured.weight(entry, "weight");
                // Istio: a lone destination without a weight takes all of the route's traffic.
                double weight = given != null ? given : destinations.size() == 1 ? 100 : 0;
                switch (side(entry, route)) {
                    case STABLE -> weights.stable(weight);
                    case CANARY -> weights.canary(weight);
                    case OTHER -> weights.other(backend(entry), weight);
                }
            }
            routes.add(weights);
        }
        return routes;
    }

    static boolean write(RoutingObject object, Route route, int canaryWeight) {
        boolean changed = false;
        int pairs = 0;
        for (Map<String, Object> http : managedRoutes(object, route)) {
            Map<String, Object> stable = null;
            Map<String, Object> canary = null;
            for (Map<String, Object> entry : Unstructured.list(http, "route")) {
                switch (side(entry, route)) {
                    case STABLE -> stable = entry;
                    case CANARY -> canary = entry;
                    case OTHER -> {}
                }
            }
            if (stable != null && canary != null) {
                pairs++;
                changed |= Unstructured.setWeight(stable, 100 - canaryWeight)
                        | Unstructured.setWeight(canary, canaryWeight);
            }
        }
        if (pairs == 0) {
            String named = route.option("route");
            throw new RoutingException(KIND + " " + route.qualified(route.resource()) + " has no HTTP route"
                    + (named != null ? " named '" + named + "'" : "") + " with destinations "
                    + describe(route.stableService(), route.option("stableSubset")) + " and "
                    + describe(route.canaryService(), route.option("canarySubset")));
        }
        return changed;
    }

    private static List<Map<String, Object>> managedRoutes(RoutingObject object, Route route) {
        String only = route.option("route");
        return Unstructured.list(object.spec(), "http").stream()
                .filter(http -> only == null || only.equals(Unstructured.string(http, "name")))
                .toList();
    }

    private static Side side(Map<String, Object> entry, Route route) {
        Map<String, Object> destination = Unstructured.map(entry, "destination");
        String host = Unstructured.string(destination, "host");
        String subset = Unstructured.string(destination, "subset");
        boolean stableHost = Unstructured.namesService(host, route.stableService(), route.namespace());
        boolean canaryHost = Unstructured.namesService(host, route.canaryService(), route.namespace());
        String canarySubset = route.option("canarySubset");
        String stableSubset = route.option("stableSubset");
        // With subsets both versions may sit behind one host: the subset decides.
        if (canarySubset != null ? canarySubset.equals(subset) && (canaryHost || stableHost) : canaryHost) {
            return Side.CANARY;
        }
        if (stableHost && (stableSubset == null || stableSubset.equals(subset))) {
            return Side.STABLE;
        }
        return Side.OTHER;
    }

    private static String backend(Map<String, Object> entry) {
        Map<String, Object> destination = Unstructured.map(entry, "destination");
        String subset = Unstructured.string(destination, "subset");
        return Unstructured.string(destination, "host") + (subset == null ? "" : "/" + subset);
    }

    private static String describe(String service, String subset) {
        return subset == null ? service : service + "/" + subset;
    }
}
