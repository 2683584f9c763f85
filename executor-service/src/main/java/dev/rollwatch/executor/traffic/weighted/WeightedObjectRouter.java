package dev.rollwatch.executor.traffic.weighted;

import dev.rollwatch.cluster.Marks;
import dev.rollwatch.cluster.routing.RouteWeights;
import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routing;
import dev.rollwatch.cluster.routing.RoutingException;
import dev.rollwatch.cluster.routing.RoutingObject;
import dev.rollwatch.cluster.routing.WeightedObject;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.Weights;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.executor.kubernetes.OptimisticWrites;
import dev.rollwatch.executor.kubernetes.StepFailure;
import dev.rollwatch.executor.kubernetes.Workloads;
import dev.rollwatch.executor.traffic.RouteContext;
import dev.rollwatch.executor.traffic.RouteSnapshot;
import dev.rollwatch.executor.traffic.Routed;
import dev.rollwatch.executor.traffic.Router;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;

/**
 * A router whose weights live in one routing object (Istio VirtualService, Gateway API HTTPRoute, SMI
 * TrafficSplit): reads, writes and restores that object with the cluster contract's reader and writer,
 * unstructured, so no mesh client is needed. Only the fields the contract's writer changes are
 * touched; a restore puts back the spec the release found.
 */
public final class WeightedObjectRouter implements Router {

    private final Routing routing;
    private final RouterVersions versions;
    private final KubernetesClient client;
    private final OptimisticWrites writes;

    public WeightedObjectRouter(
            Routing routing, RouterVersions versions, KubernetesClient client, OptimisticWrites writes) {
        this.routing = routing;
        this.versions = versions;
        this.client = client;
        this.writes = writes;
    }

    @Override
    public TrafficRouter.Type type() {
        return routing.type();
    }

    @Override
    public boolean needsCanaryService() {
        return routing.needsCanaryService();
    }

    @Override
    public RouteSnapshot snapshot(RouteContext route) {
        WeightedObject object = object(route);
        GenericKubernetesResource found =
                writes.read("read " + object.describe(route.route()), () -> get(route, object));
        if (found == null) {
            if (object.created()) {
                return RouteSnapshot.none();
            }
            throw new StepFailure(object.describe(route.route()) + " not found: the " + EventJson.nameOf(type())
                    + " router shifts its weights (trafficRouter.resource names it)");
        }
        RoutingObject current = routingObject(found);
        List<RouteWeights> weights = object.reader().read(current, route.route());
        return new RouteSnapshot(
                client.getKubernetesSerialization().asJson(current.spec()),
                Weights.canary(weights.isEmpty() ? 0 : weights.get(0).canaryPercent()));
    }

    @Override
    public Routed route(RouteContext route, int weight) {
        WeightedObject object = object(route);
        int routes = writes.update("write " + object.describe(route.route()), () -> write(route, object, weight));
        return new Routed(
                Weights.canary(weight),
                object.describe(route.route()) + ": " + routes + " route(s) send " + weight + "% to "
                        + route.canaryService() + " and " + (100 - weight) + "% to " + route.stableService());
    }

    @Override
    public void restore(RouteContext route, RouteSnapshot snapshot) {
        WeightedObject object = object(route);
        if (snapshot.json() == null) {
            // The release created the object: all weight back on stable is the state it found.
            if (writes.read("read " + object.describe(route.route()), () -> get(route, object)) != null) {
                writes.update("restore " + object.describe(route.route()), () -> write(route, object, 0));
            }
            return;
        }
        writes.update("restore " + object.describe(route.route()), () -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> recorded = client.getKubernetesSerialization().unmarshal(snapshot.json(), Map.class);
            GenericKubernetesResource found = get(route, object);
            if (found == null) {
                if (!object.created()) {
                    throw new StepFailure(object.describe(route.route()) + " not found: cannot restore its routes");
                }
                collection(route, object)
                        .resource(newObject(route, object, recorded))
                        .create();
            } else if (!recorded.equals(found.getAdditionalProperties().get("spec"))) {
                found.getAdditionalProperties().put("spec", recorded);
                collection(route, object).resource(found).update();
            }
            return null;
        });
    }

    /** Writes the weight; returns how many routes carry it. */
    private int write(RouteContext route, WeightedObject object, int weight) {
        GenericKubernetesResource found = get(route, object);
        if (found == null && !object.created()) {
            throw new StepFailure(object.describe(route.route()) + " not found");
        }
        RoutingObject target = found == null ? RoutingObject.empty() : routingObject(found);
        boolean changed;
        try {
            changed = object.writer().write(target, route.route(), weight);
        } catch (RoutingException e) {
            throw new StepFailure(e.getMessage());
        }
        int routes = object.reader().read(target, route.route()).size();
        if (found == null) {
            collection(route, object)
                    .resource(newObject(route, object, target.spec()))
                    .create();
            return routes;
        }
        boolean claimed = Workloads.claim(found, route.releaseId());
        if (changed || claimed) {
            found.getAdditionalProperties().put("spec", target.spec());
            collection(route, object).resource(found).update();
        }
        return routes;
    }

    private WeightedObject object(RouteContext route) {
        return routing.weightedObject(route.route(), versions)
                .orElseThrow(() -> new IllegalStateException(type() + " has no routing object"));
    }

    private static RoutingObject routingObject(GenericKubernetesResource found) {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec =
                found.getAdditionalProperties().get("spec") instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
        return new RoutingObject(found.getMetadata().getAnnotations(), spec);
    }

    private GenericKubernetesResource newObject(RouteContext route, WeightedObject object, Map<String, Object> spec) {
        GenericKubernetesResource created = new GenericKubernetesResource();
        created.setApiVersion(object.kind().apiVersion());
        created.setKind(object.kind().kind());
        created.setMetadata(new ObjectMetaBuilder()
                .withName(object.name())
                .withNamespace(route.namespace())
                .addToLabels(Marks.MANAGED_BY, Marks.MANAGER)
                .addToAnnotations(Marks.RELEASE, route.releaseId())
                .build());
        created.getAdditionalProperties().put("spec", spec);
        return created;
    }

    private GenericKubernetesResource get(RouteContext route, WeightedObject object) {
        return collection(route, object).withName(object.name()).get();
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            collection(RouteContext route, WeightedObject object) {
        return client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                        .withGroup(object.kind().group())
                        .withVersion(object.kind().version())
                        .withKind(object.kind().kind())
                        .withPlural(object.kind().plural())
                        .withNamespaced(true)
                        .build())
                .inNamespace(route.namespace());
    }
}
