package dev.rollwatch.rollback.traffic.istio;

import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.traffic.ClusterView;
import dev.rollwatch.rollback.traffic.CustomKind;
import dev.rollwatch.rollback.traffic.RouteVerdicts;
import dev.rollwatch.rollback.traffic.TrafficCheck;
import dev.rollwatch.rollback.traffic.Unstructured;
import dev.rollwatch.rollback.traffic.WeightedRoute;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Istio: the VirtualService's http routes weigh destinations by host (stable and canary Services),
 * or by subset when the router options name {@code stableSubset}/{@code canarySubset}. Option
 * {@code route} limits the check to the named http route, as the executor only changes that one.
 */
public final class VirtualServiceCheck implements TrafficCheck {

    private final CustomKind kind;

    public VirtualServiceCheck(CustomKind kind) {
        this.kind = kind;
    }

    @Override
    public Finding allTrafficToStable(RestoreTarget target, ClusterView cluster) {
        RestoreTarget.Routing routing = target.routing();
        String object = "VirtualService " + target.namespace() + "/" + routing.resource();
        Optional<GenericKubernetesResource> found = cluster.custom(kind, target.namespace(), routing.resource());
        if (found.isEmpty()) {
            return Finding.notVerified(object + " not found");
        }
        String onlyRoute = routing.option("route");
        List<WeightedRoute> routes = new ArrayList<>();
        for (Map<String, Object> http :
                Unstructured.list(found.get().getAdditionalProperties().get("spec"), "http")) {
            String name = Unstructured.string(http, "name");
            if (onlyRoute == null || onlyRoute.equals(name)) {
                routes.add(weigh(name, Unstructured.list(http, "route"), target));
            }
        }
        if (onlyRoute != null && routes.isEmpty()) {
            return Finding.notVerified(object + " has no http route named '" + onlyRoute + "'");
        }
        return RouteVerdicts.judge(object, routes);
    }

    private static WeightedRoute weigh(String name, List<Map<String, Object>> destinations, RestoreTarget target) {
        RestoreTarget.Routing routing = target.routing();
        WeightedRoute route = new WeightedRoute(name == null ? null : "route '" + name + "'");
        for (Map<String, Object> entry : destinations) {
            Map<String, Object> destination = Unstructured.map(entry, "destination");
            String host = Unstructured.string(destination, "host");
            String subset = Unstructured.string(destination, "subset");
            Double given = Unstructured.weight(entry, "weight");
            // Istio: a lone destination without a weight takes all of the route's traffic.
            double weight = given != null ? given : destinations.size() == 1 ? 100 : 0;
            if (isCanary(host, subset, target)) {
                route.canary(weight);
            } else if (isStable(host, subset, target)) {
                route.stable(weight);
            } else {
                route.other(host + (subset == null ? "" : "/" + subset), weight);
            }
        }
        return route;
    }

    private static boolean isCanary(String host, String subset, RestoreTarget target) {
        RestoreTarget.Routing routing = target.routing();
        String canarySubset = routing.option("canarySubset");
        if (canarySubset != null) {
            return canarySubset.equals(subset)
                    && (Unstructured.namesService(host, routing.canaryService(), target.namespace())
                            || Unstructured.namesService(host, routing.stableService(), target.namespace()));
        }
        return Unstructured.namesService(host, routing.canaryService(), target.namespace());
    }

    private static boolean isStable(String host, String subset, RestoreTarget target) {
        RestoreTarget.Routing routing = target.routing();
        String stableSubset = routing.option("stableSubset");
        boolean hostMatches = Unstructured.namesService(host, routing.stableService(), target.namespace());
        return stableSubset == null ? hostMatches : hostMatches && stableSubset.equals(subset);
    }
}
