package dev.rollwatch.executor.traffic;

import dev.rollwatch.events.Weights;
import dev.rollwatch.executor.kubernetes.OptimisticWrites;
import dev.rollwatch.executor.kubernetes.StepFailure;
import dev.rollwatch.executor.kubernetes.Workloads;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;

/**
 * A routing object without a typed model whose spec holds pairs of weighted entries, one for the
 * stable and one for the canary Service (Istio VirtualService destinations, Gateway API HTTPRoute
 * backendRefs). Reading, shifting the weights idempotently and restoring the recorded spec exactly are
 * the same whatever the object; the router says where its pairs are.
 */
public final class WeightPairs {

    /** Finds the pairs in a spec; fails with a {@code StepFailure} naming what is missing when there is none. */
    @FunctionalInterface
    public interface Finder {
        List<Pair> pairs(Map<String, Object> spec, RouteContext route, String described);
    }

    /** A stable and a canary entry whose {@code weight} fields the executor sets. */
    public record Pair(Map<String, Object> stable, Map<String, Object> canary) {}

    private final KubernetesClient client;
    private final OptimisticWrites writes;
    private final ResourceDefinitionContext definition;
    private final Finder finder;

    public WeightPairs(
            KubernetesClient client, OptimisticWrites writes, ResourceDefinitionContext definition, Finder finder) {
        this.client = client;
        this.writes = writes;
        this.definition = definition;
        this.finder = finder;
    }

    /**
     * The object's spec as it is, and the canary weight of its first pair.
     *
     * @param missing what to say when the object does not exist (what the router needs it for)
     */
    public RouteSnapshot snapshot(RouteContext route, String missing) {
        GenericKubernetesResource object =
                writes.read("read " + describe(route), () -> resource(route).get());
        if (object == null) {
            throw new StepFailure(describe(route) + " not found: " + missing);
        }
        Map<String, Object> spec = Unstructured.spec(object, describe(route));
        List<Pair> pairs = finder.pairs(spec, route, describe(route));
        return new RouteSnapshot(
                client.getKubernetesSerialization().asJson(spec),
                Weights.canary(Unstructured.weight(pairs.get(0).canary())));
    }

    /** Sets {@code weight} on every canary entry and the rest on its stable twin; returns how many pairs. */
    public int route(RouteContext route, int weight) {
        return writes.update("update " + describe(route), () -> {
            GenericKubernetesResource object = resource(route).get();
            if (object == null) {
                throw new StepFailure(describe(route) + " not found");
            }
            List<Pair> pairs = finder.pairs(Unstructured.spec(object, describe(route)), route, describe(route));
            boolean changed = Workloads.claim(object, route.releaseId());
            for (Pair pair : pairs) {
                changed |= setWeight(pair.stable(), 100 - weight) | setWeight(pair.canary(), weight);
            }
            if (changed) {
                collection(route).resource(object).update();
            }
            return pairs.size();
        });
    }

    /**
     * Puts the recorded spec back, unless it is already there.
     *
     * @param entries what the router restores, for the message when the object is gone (e.g. "routes")
     */
    public void restore(RouteContext route, RouteSnapshot snapshot, String entries) {
        writes.update("restore " + describe(route), () -> {
            GenericKubernetesResource object = resource(route).get();
            if (object == null) {
                throw new StepFailure(describe(route) + " not found: cannot restore its " + entries);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> recorded = client.getKubernetesSerialization().unmarshal(snapshot.json(), Map.class);
            if (!recorded.equals(object.getAdditionalProperties().get("spec"))) {
                object.getAdditionalProperties().put("spec", recorded);
                collection(route).resource(object).update();
            }
            return null;
        });
    }

    /** The object for people, e.g. "VirtualService shop/checkout". */
    public String describe(RouteContext route) {
        return definition.getKind() + " " + route.qualified(route.resource());
    }

    private static boolean setWeight(Map<String, Object> entry, int weight) {
        if (Unstructured.weight(entry) == weight && entry.containsKey("weight")) {
            return false;
        }
        entry.put("weight", weight);
        return true;
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            collection(RouteContext route) {
        return client.genericKubernetesResources(definition).inNamespace(route.namespace());
    }

    private Resource<GenericKubernetesResource> resource(RouteContext route) {
        return collection(route).withName(route.resource());
    }
}
