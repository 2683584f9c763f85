package dev.rollwatch.rollback.traffic.smi;

import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.traffic.ClusterView;
import dev.rollwatch.rollback.traffic.CustomKind;
import dev.rollwatch.rollback.traffic.RouteVerdicts;
import dev.rollwatch.rollback.traffic.TrafficCheck;
import dev.rollwatch.rollback.traffic.Unstructured;
import dev.rollwatch.rollback.traffic.WeightedRoute;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SMI (Linkerd): the TrafficSplit's backends carry the weights (numbers, or v1alpha1 quantities). */
public final class TrafficSplitCheck implements TrafficCheck {

    private final CustomKind kind;

    public TrafficSplitCheck(CustomKind kind) {
        this.kind = kind;
    }

    @Override
    public Finding allTrafficToStable(RestoreTarget target, ClusterView cluster) {
        RestoreTarget.Routing routing = target.routing();
        String object = "TrafficSplit " + target.namespace() + "/" + routing.resource();
        Optional<GenericKubernetesResource> found = cluster.custom(kind, target.namespace(), routing.resource());
        if (found.isEmpty()) {
            return Finding.notVerified(object + " not found");
        }
        WeightedRoute route = new WeightedRoute(null);
        for (Map<String, Object> backend :
                Unstructured.list(found.get().getAdditionalProperties().get("spec"), "backends")) {
            String service = Unstructured.string(backend, "service");
            Double given = Unstructured.weight(backend, "weight");
            route.service(service, given == null ? 0 : given, routing);
        }
        return RouteVerdicts.judge(object, List.of(route));
    }
}
