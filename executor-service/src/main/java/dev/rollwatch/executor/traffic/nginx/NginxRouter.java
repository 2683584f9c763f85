package dev.rollwatch.executor.traffic.nginx;

import dev.rollwatch.cluster.Marks;
import dev.rollwatch.cluster.Ownership;
import dev.rollwatch.cluster.routing.RouteWeights;
import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.RoutingException;
import dev.rollwatch.cluster.routing.RoutingObject;
import dev.rollwatch.cluster.routing.WeightedObject;
import dev.rollwatch.cluster.routing.nginx.NginxRouting;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.Weights;
import dev.rollwatch.executor.kubernetes.OptimisticWrites;
import dev.rollwatch.executor.kubernetes.StepFailure;
import dev.rollwatch.executor.traffic.RouteContext;
import dev.rollwatch.executor.traffic.RouteSnapshot;
import dev.rollwatch.executor.traffic.Routed;
import dev.rollwatch.executor.traffic.Router;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressList;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * NGINX Ingress: keeps a canary Ingress beside the stable one, mirrored from it by the cluster
 * contract ({@link NginxRouting}) and weighted by its annotations. The stable Ingress is never
 * changed; the canary Ingress is never deleted (no delete permission): a restore sets its weight to
 * 0, or puts back the one the release found.
 */
public final class NginxRouter implements Router {

    private final KubernetesClient client;
    private final OptimisticWrites writes;
    private final NginxRouting routing = new NginxRouting();

    public NginxRouter(KubernetesClient client, OptimisticWrites writes) {
        this.client = client;
        this.writes = writes;
    }

    @Override
    public TrafficRouter.Type type() {
        return TrafficRouter.Type.NGINX;
    }

    @Override
    public RouteSnapshot snapshot(RouteContext route) {
        if (writes.read(
                        "read Ingress " + route.qualified(route.resource()),
                        () -> stable(route).get())
                == null) {
            throw new StepFailure("Ingress " + route.qualified(route.resource()) + " not found: the nginx router "
                    + "adds a canary Ingress beside it (trafficRouter.resource names it)");
        }
        Ingress canary = writes.read(
                "read Ingress " + route.qualified(canaryName(route)),
                () -> canary(route).get());
        if (canary == null) {
            return RouteSnapshot.none();
        }
        Recorded recorded = new Recorded(canary.getMetadata().getAnnotations(), canary.getSpec());
        List<RouteWeights> weights = object(route).reader().read(routingObject(canary), route.route());
        return new RouteSnapshot(
                client.getKubernetesSerialization().asJson(recorded),
                Weights.canary(weights.get(0).canaryPercent()));
    }

    /** The canary Ingress is rewritten wholesale, so an existing one must be Rollwatch's for this Deployment. */
    @Override
    public Optional<String> foreignObject(RouteContext route) {
        Ingress canary = writes.read(
                "read Ingress " + route.qualified(canaryName(route)),
                () -> canary(route).get());
        return canary == null ? Optional.empty() : refusal(route, canary);
    }

    private Optional<String> refusal(RouteContext route, Ingress canary) {
        return Ownership.refusal(
                "Ingress " + route.qualified(canaryName(route)),
                canary.getMetadata().getLabels(),
                canary.getMetadata().getAnnotations(),
                route.stableDeployment(),
                route.releaseId());
    }

    @Override
    public Routed route(RouteContext route, int weight) {
        writes.update("write Ingress " + route.qualified(canaryName(route)), () -> {
            Ingress stable = stable(route).get();
            if (stable == null) {
                throw new StepFailure("Ingress " + route.qualified(route.resource()) + " not found");
            }
            RoutingObject desired;
            try {
                desired = NginxRouting.mirror(routingObject(stable), route.route(), route.releaseId());
            } catch (RoutingException e) {
                throw new StepFailure(e.getMessage());
            }
            object(route).writer().write(desired, route.route(), weight);
            IngressSpec spec = client.getKubernetesSerialization().convertValue(desired.spec(), IngressSpec.class);
            Map<String, String> annotations = new LinkedHashMap<>(desired.annotations());
            annotations.put(Marks.STABLE_DEPLOYMENT, route.stableDeployment());
            Ingress existing = canary(route).get();
            if (existing != null) {
                refusal(route, existing).ifPresent(reason -> {
                    throw new StepFailure(reason);
                });
            }
            if (existing == null) {
                Ingress created = new IngressBuilder()
                        .withNewMetadata()
                        .withName(canaryName(route))
                        .withNamespace(route.namespace())
                        .withAnnotations(annotations)
                        .addToLabels(Marks.MANAGED_BY, Marks.MANAGER)
                        .endMetadata()
                        .withSpec(spec)
                        .build();
                return ingresses(route).resource(created).create();
            }
            if (Objects.equals(existing.getSpec(), spec)
                    && Objects.equals(existing.getMetadata().getAnnotations(), annotations)) {
                return existing;
            }
            existing.setSpec(spec);
            existing.getMetadata().setAnnotations(annotations);
            return ingresses(route).resource(existing).update();
        });
        return new Routed(
                Weights.canary(weight),
                "Ingress " + route.qualified(canaryName(route)) + " sends " + weight + "% to " + route.canaryService());
    }

    @Override
    public void restore(RouteContext route, RouteSnapshot snapshot) {
        writes.update("restore Ingress " + route.qualified(canaryName(route)), () -> {
            Ingress existing = canary(route).get();
            if (existing != null && refusal(route, existing).isPresent()) {
                // Not this release's to restore: another application's Ingress that merely has the name.
                return null;
            }
            if (snapshot.json() == null) {
                if (existing != null) {
                    RoutingObject current = routingObject(existing);
                    if (object(route)
                                            .reader()
                                            .read(current, route.route())
                                            .get(0)
                                            .canaryPercent()
                                    != 0
                            && object(route).writer().write(current, route.route(), 0)) {
                        existing.getMetadata().setAnnotations(current.annotations());
                        ingresses(route).resource(existing).update();
                    }
                }
                return null;
            }
            Recorded recorded = client.getKubernetesSerialization().unmarshal(snapshot.json(), Recorded.class);
            if (existing == null) {
                ingresses(route)
                        .resource(new IngressBuilder()
                                .withNewMetadata()
                                .withName(canaryName(route))
                                .withNamespace(route.namespace())
                                .withAnnotations(recorded.annotations())
                                .addToLabels(Marks.MANAGED_BY, Marks.MANAGER)
                                .endMetadata()
                                .withSpec(recorded.spec())
                                .build())
                        .create();
            } else if (!Objects.equals(existing.getSpec(), recorded.spec())
                    || !Objects.equals(existing.getMetadata().getAnnotations(), recorded.annotations())) {
                existing.setSpec(recorded.spec());
                existing.getMetadata().setAnnotations(recorded.annotations());
                ingresses(route).resource(existing).update();
            }
            return null;
        });
    }

    private WeightedObject object(RouteContext route) {
        return routing.weightedObject(route.route(), RouterVersions.defaults()).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private RoutingObject routingObject(Ingress ingress) {
        Map<String, Object> spec = ingress.getSpec() == null
                ? null
                : client.getKubernetesSerialization().convertValue(ingress.getSpec(), Map.class);
        return new RoutingObject(ingress.getMetadata().getAnnotations(), spec);
    }

    private String canaryName(RouteContext route) {
        return NginxRouting.canaryIngress(route.route());
    }

    private NonNamespaceOperation<Ingress, IngressList, Resource<Ingress>> ingresses(RouteContext route) {
        return client.network().v1().ingresses().inNamespace(route.namespace());
    }

    private Resource<Ingress> stable(RouteContext route) {
        return ingresses(route).withName(route.resource());
    }

    private Resource<Ingress> canary(RouteContext route) {
        return ingresses(route).withName(canaryName(route));
    }

    /** The canary Ingress as the release found it. */
    public record Recorded(Map<String, String> annotations, IngressSpec spec) {}
}
