package dev.rollwatch.executor.traffic.smi;

import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.Weights;
import dev.rollwatch.executor.config.ExecutorConfig;
import dev.rollwatch.executor.kubernetes.OptimisticWrites;
import dev.rollwatch.executor.kubernetes.Workloads;
import dev.rollwatch.executor.traffic.RouteContext;
import dev.rollwatch.executor.traffic.RouteSnapshot;
import dev.rollwatch.executor.traffic.Routed;
import dev.rollwatch.executor.traffic.Router;
import dev.rollwatch.executor.traffic.Unstructured;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SMI (Linkerd): a TrafficSplit on the root Service (option {@code rootService}, default the stable
 * Service) with the stable and canary Services as weighted backends. Created on the first weight if
 * missing; never deleted (the executor has no delete permission): a restore sets all weight back on
 * the stable backend, or puts back the split the release found.
 */
@ApplicationScoped
public class SmiRouter implements Router {

    private final KubernetesClient client;
    private final OptimisticWrites writes;
    private final ExecutorConfig config;

    SmiRouter(KubernetesClient client, OptimisticWrites writes, ExecutorConfig config) {
        this.client = client;
        this.writes = writes;
        this.config = config;
    }

    @Override
    public TrafficRouter.Type type() {
        return TrafficRouter.Type.SMI;
    }

    @Override
    public RouteSnapshot snapshot(RouteContext route) {
        GenericKubernetesResource split =
                writes.read("read " + describe(route), () -> resource(route).get());
        if (split == null) {
            return RouteSnapshot.none();
        }
        Map<String, Object> spec = Unstructured.spec(split, describe(route));
        int canary = Unstructured.list(spec.get("backends")).stream()
                .filter(b -> route.canaryService().equals(b.get("service")))
                .mapToInt(Unstructured::weight)
                .findFirst()
                .orElse(0);
        int total = Unstructured.list(spec.get("backends")).stream()
                .mapToInt(Unstructured::weight)
                .sum();
        int percent = total == 0 ? 0 : Math.round(100f * canary / total);
        return new RouteSnapshot(client.getKubernetesSerialization().asJson(spec), Weights.canary(percent));
    }

    @Override
    public Routed route(RouteContext route, int weight) {
        setBackends(route, weight);
        return new Routed(
                Weights.canary(weight),
                describe(route) + " on " + rootService(route) + ": " + route.canaryService() + " " + weight + ", "
                        + route.stableService() + " " + (100 - weight));
    }

    @Override
    public void restore(RouteContext route, RouteSnapshot snapshot) {
        if (snapshot.json() == null) {
            // The release created the split; all weight back on stable is the state it found.
            if (writes.read("read " + describe(route), () -> resource(route).get()) != null) {
                setBackends(route, 0);
            }
            return;
        }
        writes.update("restore " + describe(route), () -> {
            GenericKubernetesResource split = resource(route).get();
            @SuppressWarnings("unchecked")
            Map<String, Object> recorded = client.getKubernetesSerialization().unmarshal(snapshot.json(), Map.class);
            if (split == null) {
                collection(route).resource(newSplit(route, recorded)).create();
            } else if (!recorded.equals(split.getAdditionalProperties().get("spec"))) {
                split.getAdditionalProperties().put("spec", recorded);
                collection(route).resource(split).update();
            }
            return null;
        });
    }

    private void setBackends(RouteContext route, int weight) {
        writes.update("write " + describe(route), () -> {
            GenericKubernetesResource split = resource(route).get();
            if (split == null) {
                Map<String, Object> spec = Unstructured.newMap();
                spec.put("service", rootService(route));
                spec.put("backends", backends(route, weight));
                return collection(route).resource(newSplit(route, spec)).create();
            }
            Map<String, Object> spec = Unstructured.spec(split, describe(route));
            List<Map<String, Object>> desired = backends(route, weight);
            List<Map<String, Object>> others = new ArrayList<>(Unstructured.list(spec.get("backends")).stream()
                    .filter(b -> !route.stableService().equals(b.get("service"))
                            && !route.canaryService().equals(b.get("service")))
                    .toList());
            others.addAll(desired);
            boolean claimed = Workloads.claim(split, route.releaseId());
            if (others.equals(spec.get("backends")) && !claimed) {
                return split;
            }
            spec.put("backends", others);
            return collection(route).resource(split).update();
        });
    }

    private static List<Map<String, Object>> backends(RouteContext route, int weight) {
        Map<String, Object> stable = Unstructured.newMap();
        stable.put("service", route.stableService());
        stable.put("weight", 100 - weight);
        Map<String, Object> canary = Unstructured.newMap();
        canary.put("service", route.canaryService());
        canary.put("weight", weight);
        return new ArrayList<>(List.of(stable, canary));
    }

    private GenericKubernetesResource newSplit(RouteContext route, Map<String, Object> spec) {
        GenericKubernetesResource split = new GenericKubernetesResource();
        split.setApiVersion(config.routers().smiApiVersion());
        split.setKind("TrafficSplit");
        split.setMetadata(new ObjectMetaBuilder()
                .withName(route.resource())
                .withNamespace(route.namespace())
                .addToLabels(Workloads.MANAGED_BY, "rollwatch")
                .addToAnnotations(Workloads.RELEASE_ANNOTATION, route.releaseId())
                .build());
        split.getAdditionalProperties().put("spec", spec);
        return split;
    }

    private static String rootService(RouteContext route) {
        String root = route.option("rootService");
        return root != null ? root : route.stableService();
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            collection(RouteContext route) {
        return client.genericKubernetesResources(
                        Unstructured.definition(config.routers().smiApiVersion(), "TrafficSplit", "trafficsplits"))
                .inNamespace(route.namespace());
    }

    private Resource<GenericKubernetesResource> resource(RouteContext route) {
        return collection(route).withName(route.resource());
    }

    private static String describe(RouteContext route) {
        return "TrafficSplit " + route.qualified(route.resource());
    }
}
