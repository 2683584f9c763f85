package dev.rollwatch.cluster.routing.nginx;

import dev.rollwatch.cluster.Marks;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * NGINX Ingress: a canary Ingress beside the stable one, with the same hosts and paths but backends on
 * the canary Service, marked {@code nginx.ingress.kubernetes.io/canary: "true"} and weighted by
 * {@code canary-weight}. The stable Ingress is never changed. The canary Ingress is named by option
 * {@code canaryIngress}, default {@code <resource>-canary}; the executor creates it and never deletes
 * it (a restore sets its weight to 0). Read as the controller reads it: the flag as a Go boolean, the
 * weight as an integer; routing by header or cookie sends requests to the canary whatever its weight,
 * so the mirror never copies those rules from the stable Ingress.
 */
public final class NginxRouting implements Routing {

    public static final String PREFIX = "nginx.ingress.kubernetes.io/";
    public static final String CANARY = PREFIX + "canary";
    public static final String CANARY_WEIGHT = PREFIX + "canary-weight";
    public static final RouterKind INGRESS = new RouterKind("networking.k8s.io/v1", "Ingress", "ingresses");

    /** Annotations that route single requests to the canary whatever the weight. */
    static final List<String> BY_REQUEST = List.of(
            PREFIX + "canary-by-header",
            PREFIX + "canary-by-header-value",
            PREFIX + "canary-by-header-pattern",
            PREFIX + "canary-by-cookie");

    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    /** The values Go's strconv.ParseBool reads as true, which is how the controller reads the flag. */
    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");

    @Override
    public TrafficRouter.Type type() {
        return TrafficRouter.Type.NGINX;
    }

    @Override
    public boolean needsCanaryService() {
        return true;
    }

    /** The canary Ingress: absent, nothing is routed to the canary, so its absence reads as all stable. */
    @Override
    public Optional<WeightedObject> weightedObject(Route route, RouterVersions versions) {
        return Optional.of(
                new WeightedObject(INGRESS, canaryIngress(route), NginxRouting::read, NginxRouting::write, true));
    }

    public static String canaryIngress(Route route) {
        String named = route.option("canaryIngress");
        return named != null ? named : route.resource() + "-canary";
    }

    /**
     * The canary Ingress for a stable one: its annotations (without kubectl's record and without
     * routing by request) and its spec with every backend on the stable Service moved to the canary
     * Service. The weight is set by the writer.
     *
     * @throws RoutingException when no backend of the stable Ingress is on the stable Service
     */
    public static RoutingObject mirror(RoutingObject stable, Route route, String releaseId) {
        RoutingObject canary = new RoutingObject(stable.annotations(), stable.spec());
        canary.annotations().remove(LAST_APPLIED);
        BY_REQUEST.forEach(canary.annotations()::remove);
        canary.annotations().put(Marks.RELEASE, releaseId);
        int moved = retarget(Unstructured.map(canary.spec(), "defaultBackend"), route);
        for (Map<String, Object> rule : Unstructured.list(canary.spec(), "rules")) {
            for (Map<String, Object> path : Unstructured.list(Unstructured.map(rule, "http"), "paths")) {
                moved += retarget(Unstructured.map(path, "backend"), route);
            }
        }
        if (moved == 0) {
            throw new RoutingException("Ingress " + route.qualified(route.resource()) + " has no backend on Service "
                    + route.stableService() + " to mirror for the canary");
        }
        return canary;
    }

    static List<RouteWeights> read(RoutingObject object, Route route) {
        Map<String, String> annotations = object.annotations();
        RouteWeights weights = new RouteWeights("Ingress " + route.resource() + " / " + canaryIngress(route));
        String flag = annotations.get(CANARY);
        // Set.of(...).contains(null) throws: an Ingress without the flag is simply not a canary.
        if (flag == null || !TRUE.contains(flag)) {
            return List.of(weights.stable(100));
        }
        String text = annotations.getOrDefault(CANARY_WEIGHT, "0");
        Integer canary = parseWeight(text);
        if (canary == null) {
            weights.stable(0).other("canary-weight '" + text + "' (unreadable)", 1);
        } else {
            weights.stable(100 - canary).canary(canary);
        }
        for (String rule : BY_REQUEST) {
            if (annotations.containsKey(rule)) {
                weights.other("requests by " + rule.substring(PREFIX.length()) + "=" + annotations.get(rule), 1);
            }
        }
        return List.of(weights);
    }

    static boolean write(RoutingObject object, Route route, int canaryWeight) {
        Map<String, String> annotations = object.annotations();
        boolean changed = !"true".equals(annotations.put(CANARY, "true"));
        changed |=
                !Integer.toString(canaryWeight).equals(annotations.put(CANARY_WEIGHT, Integer.toString(canaryWeight)));
        return changed;
    }

    private static Integer parseWeight(String text) {
        try {
            int weight = Integer.parseInt(text);
            return weight >= 0 && weight <= 100 ? weight : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int retarget(Map<String, Object> backend, Route route) {
        Map<String, Object> service = Unstructured.map(backend, "service");
        if (route.stableService().equals(Unstructured.string(service, "name"))) {
            service.put("name", route.canaryService());
            return 1;
        }
        return 0;
    }
}
