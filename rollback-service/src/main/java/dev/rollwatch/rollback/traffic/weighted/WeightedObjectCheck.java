package dev.rollwatch.rollback.traffic.weighted;

import dev.rollwatch.cluster.routing.Route;
import dev.rollwatch.cluster.routing.RoutingObject;
import dev.rollwatch.cluster.routing.WeightedObject;
import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.traffic.ClusterView;
import dev.rollwatch.rollback.traffic.RouteVerdicts;
import dev.rollwatch.rollback.traffic.TrafficCheck;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A canary whose router carries the weights in one object (Istio VirtualService, Gateway API
 * HTTPRoute, SMI TrafficSplit, NGINX canary Ingress): the object is read and its weights are read
 * with the contract's reader, the one the executor's writes are made for, so both sides agree on
 * what a weight means.
 */
public final class WeightedObjectCheck implements TrafficCheck {

    private final WeightedObject object;

    public WeightedObjectCheck(WeightedObject object) {
        this.object = Objects.requireNonNull(object, "object");
    }

    @Override
    public Finding allTrafficToStable(RestoreTarget target, ClusterView cluster) {
        Route route = target.route();
        String described = object.describe(route);
        Optional<GenericKubernetesResource> found =
                cluster.routingObject(object.kind(), route.namespace(), object.name());
        if (found.isEmpty()) {
            // An object the executor creates only exists once it routed to the canary; one owned by
            // someone else must be there, and its absence says nothing about the traffic.
            return object.created()
                    ? Finding.verified("no " + described + ": nothing routes to the canary")
                    : Finding.notVerified(described + " not found");
        }
        return RouteVerdicts.judge(described, object.reader().read(routingObject(found.get()), route));
    }

    /** The parts a router reads: the annotations (NGINX's weight) and the spec. */
    static RoutingObject routingObject(GenericKubernetesResource resource) {
        Map<String, String> annotations =
                resource.getMetadata() == null ? null : resource.getMetadata().getAnnotations();
        Object spec = resource.getAdditionalProperties().get("spec");
        return new RoutingObject(annotations, spec instanceof Map<?, ?> map ? asSpec(map) : null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asSpec(Map<?, ?> spec) {
        return (Map<String, ?>) spec;
    }
}
