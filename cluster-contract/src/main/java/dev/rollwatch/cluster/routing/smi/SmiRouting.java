package dev.rollwatch.cluster.routing.smi;

import dev.rollwatch.cluster.routing.Route;
import dev.rollwatch.cluster.routing.RouteWeights;
import dev.rollwatch.cluster.routing.RouterKind;
import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routing;
import dev.rollwatch.cluster.routing.RoutingObject;
import dev.rollwatch.cluster.routing.Unstructured;
import dev.rollwatch.cluster.routing.WeightedObject;
import dev.rollwatch.events.TrafficRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * SMI (Linkerd): a TrafficSplit on the root Service (option {@code rootService}, default the stable
 * Service) with the stable and canary Services as weighted backends. The executor creates it on the
 * first weight when it is missing and never deletes it; other backends an owner put in it are kept.
 * Weights may be numbers or, in v1alpha1, quantities such as {@code 500m}.
 */
public final class SmiRouting implements Routing {

    public static final String KIND = "TrafficSplit";
    public static final String PLURAL = "trafficsplits";

    @Override
    public TrafficRouter.Type type() {
        return TrafficRouter.Type.SMI;
    }

    @Override
    public boolean needsCanaryService() {
        return true;
    }

    @Override
    public Optional<WeightedObject> weightedObject(Route route, RouterVersions versions) {
        return Optional.of(new WeightedObject(
                new RouterKind(versions.smi(), KIND, PLURAL),
                route.resource(),
                SmiRouting::read,
                SmiRouting::write,
                true));
    }

    /** The Service the split applies to. */
    public static String rootService(Route route) {
        String root = route.option("rootService");
        return root != null ? root : route.stableService();
    }

    static List<RouteWeights> read(RoutingObject object, Route route) {
        RouteWeights weights = new RouteWeights(null);
        for (Map<String, Object> backend : Unstructured.list(object.spec(), "backends")) {
            Double given = Unstructured.weight(backend, "weight");
            weights.service(Unstructured.string(backend, "service"), given == null ? 0 : given, route);
        }
        return weights.namesRelease() ? List.of(weights) : List.of();
    }

    static boolean write(RoutingObject object, Route route, int canaryWeight) {
        Map<String, Object> spec = object.spec();
        boolean changed = false;
        if (spec.get("service") == null) {
            spec.put("service", rootService(route));
            changed = true;
        }
        List<Object> backends = new ArrayList<>();
        for (Map<String, Object> backend : Unstructured.list(spec, "backends")) {
            String service = Unstructured.string(backend, "service");
            if (!route.stableService().equals(service) && !route.canaryService().equals(service)) {
                backends.add(backend);
            }
        }
        backends.add(backend(route.stableService(), 100 - canaryWeight));
        backends.add(backend(route.canaryService(), canaryWeight));
        if (!Objects.equals(backends, spec.get("backends"))) {
            spec.put("backends", backends);
            changed = true;
        }
        return changed;
    }

    private static Map<String, Object> backend(String service, int weight) {
        Map<String, Object> backend = Unstructured.newMap();
        backend.put("service", service);
        backend.put("weight", weight);
        return backend;
    }
}
