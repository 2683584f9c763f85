package dev.rollwatch.rollback.traffic.gatewayapi;

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

/** Gateway API: each HTTPRoute rule weighs its backendRefs (weight defaults to 1). */
public final class HttpRouteCheck implements TrafficCheck {

    private final CustomKind kind;

    public HttpRouteCheck(CustomKind kind) {
        this.kind = kind;
    }

    @Override
    public Finding allTrafficToStable(RestoreTarget target, ClusterView cluster) {
        RestoreTarget.Routing routing = target.routing();
        String object = "HTTPRoute " + target.namespace() + "/" + routing.resource();
        Optional<GenericKubernetesResource> found = cluster.custom(kind, target.namespace(), routing.resource());
        if (found.isEmpty()) {
            return Finding.notVerified(object + " not found");
        }
        List<WeightedRoute> routes = new ArrayList<>();
        List<Map<String, Object>> rules =
                Unstructured.list(found.get().getAdditionalProperties().get("spec"), "rules");
        for (int i = 0; i < rules.size(); i++) {
            Map<String, Object> rule = rules.get(i);
            String name = Unstructured.string(rule, "name");
            WeightedRoute route = new WeightedRoute(name != null ? "rule '" + name + "'" : "rule " + (i + 1));
            for (Map<String, Object> ref : Unstructured.list(rule, "backendRefs")) {
                String backend = Unstructured.string(ref, "name");
                Double given = Unstructured.weight(ref, "weight");
                route.service(backend, given == null ? 1 : given, routing);
            }
            routes.add(route);
        }
        return RouteVerdicts.judge(object, routes);
    }
}
