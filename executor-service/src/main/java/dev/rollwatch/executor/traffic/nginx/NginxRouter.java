package dev.rollwatch.executor.traffic.nginx;

import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.Weights;
import dev.rollwatch.executor.kubernetes.OptimisticWrites;
import dev.rollwatch.executor.kubernetes.StepFailure;
import dev.rollwatch.executor.kubernetes.Workloads;
import dev.rollwatch.executor.traffic.RouteContext;
import dev.rollwatch.executor.traffic.RouteSnapshot;
import dev.rollwatch.executor.traffic.Routed;
import dev.rollwatch.executor.traffic.Router;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressList;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * NGINX Ingress: a canary Ingress beside the stable one (same hosts and paths, backends pointing at
 * the canary Service) carrying {@code nginx.ingress.kubernetes.io/canary: "true"} and
 * {@code canary-weight}. The stable Ingress is never changed. The canary Ingress is named by option
 * {@code canaryIngress}, default {@code <resource>-canary}; it is never deleted (no delete
 * permission): a restore sets its weight to 0, or puts back the one the release found.
 */
@ApplicationScoped
public class NginxRouter implements Router {

    public static final String CANARY = "nginx.ingress.kubernetes.io/canary";
    public static final String CANARY_WEIGHT = "nginx.ingress.kubernetes.io/canary-weight";
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final KubernetesClient client;
    private final OptimisticWrites writes;

    NginxRouter(KubernetesClient client, OptimisticWrites writes) {
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
        return new RouteSnapshot(
                client.getKubernetesSerialization().asJson(recorded), Weights.canary(weightOf(canary)));
    }

    @Override
    public Routed route(RouteContext route, int weight) {
        writes.update("write Ingress " + route.qualified(canaryName(route)), () -> {
            Ingress stable = stable(route).get();
            if (stable == null) {
                throw new StepFailure("Ingress " + route.qualified(route.resource()) + " not found");
            }
            IngressSpec spec = canarySpec(stable, route);
            Map<String, String> annotations = new LinkedHashMap<>();
            if (stable.getMetadata().getAnnotations() != null) {
                annotations.putAll(stable.getMetadata().getAnnotations());
            }
            annotations.remove(LAST_APPLIED);
            annotations.put(CANARY, "true");
            annotations.put(CANARY_WEIGHT, Integer.toString(weight));
            annotations.put(Workloads.RELEASE_ANNOTATION, route.releaseId());
            Ingress existing = canary(route).get();
            if (existing == null) {
                Ingress created = new IngressBuilder()
                        .withNewMetadata()
                        .withName(canaryName(route))
                        .withNamespace(route.namespace())
                        .withAnnotations(annotations)
                        .addToLabels(Workloads.MANAGED_BY, "rollwatch")
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
            if (snapshot.json() == null) {
                if (existing != null && weightOf(existing) != 0) {
                    Map<String, String> annotations =
                            new LinkedHashMap<>(existing.getMetadata().getAnnotations());
                    annotations.put(CANARY_WEIGHT, "0");
                    existing.getMetadata().setAnnotations(annotations);
                    ingresses(route).resource(existing).update();
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

    /** The stable Ingress's spec with every backend on the stable Service moved to the canary Service. */
    private IngressSpec canarySpec(Ingress stable, RouteContext route) {
        IngressSpec spec = client.getKubernetesSerialization().clone(stable.getSpec());
        AtomicInteger moved = new AtomicInteger();
        if (spec.getDefaultBackend() != null) {
            retarget(spec.getDefaultBackend(), route, moved);
        }
        if (spec.getRules() != null) {
            spec.getRules().stream()
                    .filter(r -> r.getHttp() != null)
                    .flatMap(r -> r.getHttp().getPaths().stream())
                    .forEach(path -> retarget(path.getBackend(), route, moved));
        }
        if (moved.get() == 0) {
            throw new StepFailure("Ingress " + route.qualified(route.resource()) + " has no backend on Service "
                    + route.stableService() + " to mirror for the canary");
        }
        return spec;
    }

    private static void retarget(IngressBackend backend, RouteContext route, AtomicInteger moved) {
        if (backend != null
                && backend.getService() != null
                && route.stableService().equals(backend.getService().getName())) {
            backend.getService().setName(route.canaryService());
            moved.incrementAndGet();
        }
    }

    private static int weightOf(Ingress ingress) {
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        if (annotations == null || !"true".equals(annotations.get(CANARY))) {
            return 0;
        }
        try {
            return Integer.parseInt(annotations.getOrDefault(CANARY_WEIGHT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String canaryName(RouteContext route) {
        String name = route.option("canaryIngress");
        return name != null ? name : route.resource() + "-canary";
    }

    private NonNamespaceOperation<Ingress, IngressList, Resource<Ingress>> ingresses(RouteContext route) {
        return client.network().v1().ingresses().inNamespace(route.namespace());
    }

    private Resource<Ingress> stable(RouteContext route) {
        return client.network().v1().ingresses().inNamespace(route.namespace()).withName(route.resource());
    }

    private Resource<Ingress> canary(RouteContext route) {
        return client.network().v1().ingresses().inNamespace(route.namespace()).withName(canaryName(route));
    }

    /** The canary Ingress as the release found it. */
    public record Recorded(Map<String, String> annotations, IngressSpec spec) {}
}
