package dev.rollwatch.executor.traffic.gatewayapi;

import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.Weights;
import dev.rollwatch.executor.config.ExecutorConfig;
import dev.rollwatch.executor.kubernetes.OptimisticWrites;
import dev.rollwatch.executor.kubernetes.StepFailure;
import dev.rollwatch.executor.kubernetes.Workloads;
import dev.rollwatch.executor.traffic.RouteContext;
import dev.rollwatch.executor.traffic.RouteSnapshot;
import dev.rollwatch.executor.traffic.Routed;
import dev.rollwatch.executor.traffic.Router;
import dev.rollwatch.executor.traffic.Unstructured;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gateway API: shifts the weights of the HTTPRoute's backendRefs between the stable and the canary
 * Service, in every rule that references both. Only the weights are touched.
 */
@ApplicationScoped
public class GatewayApiRouter implements Router {

    private final KubernetesClient client;
    private final OptimisticWrites writes;
    private final ExecutorConfig config;

    GatewayApiRouter(KubernetesClient client, OptimisticWrites writes, ExecutorConfig config) {
        this.client = client;
        this.writes = writes;
        this.config = config;
    }

    @Override
    public TrafficRouter.Type type() {
        return TrafficRouter.Type.GATEWAY_API;
    }

    @Override
    public RouteSnapshot snapshot(RouteContext route) {
        GenericKubernetesResource httpRoute = writes.read("read " + describe(route), () -> resource(route).get());
        if (httpRoute == null) {
            throw new StepFailure(describe(route) + " not found: the gatewayApi router shifts the weights of its "
                    + "backendRefs (trafficRouter.resource names it)");
        }
        Map<String, Object> spec = Unstructured.spec(httpRoute, describe(route));
        List<Pair> pairs = pairs(spec, route);
        return new RouteSnapshot(client.getKubernetesSerialization().asJson(spec),
                Weights.canary(Unstructured.weight(pairs.get(0).canary())));
    }

    @Override
    public Routed route(RouteContext route, int weight) {
        int rules = writes.update("update " + describe(route), () -> {
            GenericKubernetesResource httpRoute = resource(route).get();
            if (httpRoute == null) {
                throw new StepFailure(describe(route) + " not found");
            }
            List<Pair> pairs = pairs(Unstructured.spec(httpRoute, describe(route)), route);
            boolean changed = Workloads.claim(httpRoute, route.releaseId());
            for (Pair pair : pairs) {
                changed |= setWeight(pair.stable(), 100 - weight) | setWeight(pair.canary(), weight);
            }
            if (changed) {
                collection(route).resource(httpRoute).update();
            }
            return pairs.size();
        });
        return new Routed(Weights.canary(weight), describe(route) + ": " + rules + " rule(s) weigh "
                + route.canaryService() + " " + weight + " and " + route.stableService() + " " + (100 - weight));
    }

    @Override
    public void restore(RouteContext route, RouteSnapshot snapshot) {
        writes.update("restore " + describe(route), () -> {
            GenericKubernetesResource httpRoute = resource(route).get();
            if (httpRoute == null) {
                throw new StepFailure(describe(route) + " not found: cannot restore its backendRefs");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> recorded = client.getKubernetesSerialization().unmarshal(snapshot.json(), Map.class);
            if (!recorded.equals(httpRoute.getAdditionalProperties().get("spec"))) {
                httpRoute.getAdditionalProperties().put("spec", recorded);
                collection(route).resource(httpRoute).update();
            }
            return null;
        });
    }

    private static boolean setWeight(Map<String, Object> backendRef, int weight) {
        if (Unstructured.weight(backendRef) == weight && backendRef.containsKey("weight")) {
            return false;
        }
        backendRef.put("weight", weight);
        return true;
    }

    private static List<Pair> pairs(Map<String, Object> spec, RouteContext route) {
        List<Pair> pairs = new ArrayList<>();
        for (Map<String, Object> rule : Unstructured.list(spec.get("rules"))) {
            Map<String, Object> stable = null;
            Map<String, Object> canary = null;
            for (Map<String, Object> backendRef : Unstructured.list(rule.get("backendRefs"))) {
                Object name = backendRef.get("name");
                if (route.stableService().equals(name)) {
                    stable = backendRef;
                } else if (route.canaryService().equals(name)) {
                    canary = backendRef;
                }
            }
            if (stable != null && canary != null) {
                pairs.add(new Pair(stable, canary));
            }
        }
        if (pairs.isEmpty()) {
            throw new StepFailure(describe(route) + " has no rule with backendRefs " + route.stableService() + " and "
                    + route.canaryService());
        }
        return pairs;
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> collection(RouteContext route) {
        return client.genericKubernetesResources(Unstructured.definition(config.routers().gatewayApiVersion(),
                "HTTPRoute", "httproutes")).inNamespace(route.namespace());
    }

    private Resource<GenericKubernetesResource> resource(RouteContext route) {
        return collection(route).withName(route.resource());
    }

    private static String describe(RouteContext route) {
        return "HTTPRoute " + route.qualified(route.resource());
    }

    private record Pair(Map<String, Object> stable, Map<String, Object> canary) {
    }
}
