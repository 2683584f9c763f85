package dev.rollwatch.executor.traffic.istio;

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
 * Istio: shifts the weights of the VirtualService's HTTP route destinations between the stable and
 * the canary Service (as Argo Rollouts does). The route is the one named by option {@code route},
 * else every HTTP route that has both destinations. Only the weights are touched.
 */
@ApplicationScoped
public class IstioRouter implements Router {

    private final KubernetesClient client;
    private final OptimisticWrites writes;
    private final ExecutorConfig config;

    IstioRouter(KubernetesClient client, OptimisticWrites writes, ExecutorConfig config) {
        this.client = client;
        this.writes = writes;
        this.config = config;
    }

    @Override
    public TrafficRouter.Type type() {
        return TrafficRouter.Type.ISTIO;
    }

    @Override
    public RouteSnapshot snapshot(RouteContext route) {
        GenericKubernetesResource service = writes.read("read " + describe(route), () -> resource(route).get());
        if (service == null) {
            throw new StepFailure(describe(route) + " not found: the istio router shifts the weights of its "
                    + "routes (trafficRouter.resource names it)");
        }
        Map<String, Object> spec = Unstructured.spec(service, describe(route));
        List<Pair> pairs = pairs(spec, route);
        Weights weights = Weights.canary(Unstructured.weight(pairs.get(0).canary()));
        return new RouteSnapshot(client.getKubernetesSerialization().asJson(spec), weights);
    }

    @Override
    public Routed route(RouteContext route, int weight) {
        int routes = writes.update("update " + describe(route), () -> {
            GenericKubernetesResource service = resource(route).get();
            if (service == null) {
                throw new StepFailure(describe(route) + " not found");
            }
            List<Pair> pairs = pairs(Unstructured.spec(service, describe(route)), route);
            boolean changed = Workloads.claim(service, route.releaseId());
            for (Pair pair : pairs) {
                changed |= setWeight(pair.stable(), 100 - weight) | setWeight(pair.canary(), weight);
            }
            if (changed) {
                collection(route).resource(service).update();
            }
            return pairs.size();
        });
        return new Routed(Weights.canary(weight), describe(route) + ": " + routes + " route(s) send " + weight
                + "% to " + route.canaryService() + " and " + (100 - weight) + "% to " + route.stableService());
    }

    @Override
    public void restore(RouteContext route, RouteSnapshot snapshot) {
        writes.update("restore " + describe(route), () -> {
            GenericKubernetesResource service = resource(route).get();
            if (service == null) {
                throw new StepFailure(describe(route) + " not found: cannot restore its routes");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> recorded = client.getKubernetesSerialization().unmarshal(snapshot.json(), Map.class);
            if (!recorded.equals(service.getAdditionalProperties().get("spec"))) {
                service.getAdditionalProperties().put("spec", recorded);
                collection(route).resource(service).update();
            }
            return null;
        });
    }

    private static boolean setWeight(Map<String, Object> destination, int weight) {
        if (Unstructured.weight(destination) == weight && destination.containsKey("weight")) {
            return false;
        }
        destination.put("weight", weight);
        return true;
    }

    private List<Pair> pairs(Map<String, Object> spec, RouteContext route) {
        String name = route.option("route");
        List<Pair> pairs = new ArrayList<>();
        for (Map<String, Object> http : Unstructured.list(spec.get("http"))) {
            if (name != null && !name.equals(http.get("name"))) {
                continue;
            }
            Map<String, Object> stable = null;
            Map<String, Object> canary = null;
            for (Map<String, Object> destination : Unstructured.list(http.get("route"))) {
                Object host = Unstructured.map(destination.get("destination")).get("host");
                if (Unstructured.namesService(host, route.stableService())) {
                    stable = destination;
                } else if (Unstructured.namesService(host, route.canaryService())) {
                    canary = destination;
                }
            }
            if (stable != null && canary != null) {
                pairs.add(new Pair(stable, canary));
            }
        }
        if (pairs.isEmpty()) {
            throw new StepFailure(describe(route) + " has no HTTP route" + (name != null ? " named '" + name + "'" : "")
                    + " with destinations " + route.stableService() + " and " + route.canaryService());
        }
        return pairs;
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> collection(RouteContext route) {
        return client.genericKubernetesResources(Unstructured.definition(config.routers().istioApiVersion(),
                "VirtualService", "virtualservices")).inNamespace(route.namespace());
    }

    private Resource<GenericKubernetesResource> resource(RouteContext route) {
        return collection(route).withName(route.resource());
    }

    private static String describe(RouteContext route) {
        return "VirtualService " + route.qualified(route.resource());
    }

    private record Pair(Map<String, Object> stable, Map<String, Object> canary) {
    }
}
