package dev.rollwatch.rollback.testing;

import dev.rollwatch.cluster.Marks;
import dev.rollwatch.cluster.routing.RouterKind;
import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.gatewayapi.GatewayApiRouting;
import dev.rollwatch.cluster.routing.istio.IstioRouting;
import dev.rollwatch.cluster.routing.nginx.NginxRouting;
import dev.rollwatch.cluster.routing.smi.SmiRouting;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The objects the executor (and the Deployment controller) leave in a cluster, for tests. */
public final class ClusterObjects {

    /** The routing kinds at the contract's default versions, which the executor writes by default. */
    public static final RouterKind VIRTUAL_SERVICE =
            new RouterKind(RouterVersions.DEFAULT_ISTIO, IstioRouting.KIND, IstioRouting.PLURAL);

    public static final RouterKind HTTP_ROUTE =
            new RouterKind(RouterVersions.DEFAULT_GATEWAY_API, GatewayApiRouting.KIND, GatewayApiRouting.PLURAL);
    public static final RouterKind TRAFFIC_SPLIT =
            new RouterKind(RouterVersions.DEFAULT_SMI, SmiRouting.KIND, SmiRouting.PLURAL);

    private ClusterObjects() {}

    /** A Deployment whose controller has caught up: {@code ready} of {@code replicas} pods ready, none old. */
    public static Deployment deployment(
            String ns, String name, String image, Map<String, String> podLabels, int replicas, int ready) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName(name)
                .withGeneration(3L)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(podLabels)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(podLabels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .withStatus(new DeploymentStatusBuilder()
                        .withObservedGeneration(3L)
                        .withReplicas(replicas)
                        .withUpdatedReplicas(replicas)
                        .withReadyReplicas(ready)
                        .withAvailableReplicas(ready)
                        .build())
                .build();
    }

    /** The object as the executor leaves it after changing it for {@code releaseId}. */
    public static <T extends HasMetadata> T marked(T object, String releaseId) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (object.getMetadata().getAnnotations() != null) {
            annotations.putAll(object.getMetadata().getAnnotations());
        }
        annotations.put(Marks.RELEASE, releaseId);
        object.getMetadata().setAnnotations(annotations);
        return object;
    }

    /** A canary (or preview) Deployment the executor created beside {@code stable} for {@code releaseId}. */
    public static Deployment track(Deployment deployment, String stable, String releaseId) {
        marked(deployment, releaseId).getMetadata().getAnnotations().put(Marks.STABLE_DEPLOYMENT, stable);
        return deployment;
    }

    public static Map<String, String> labels(String... keyValues) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            labels.put(keyValues[i], keyValues[i + 1]);
        }
        return labels;
    }

    public static Service service(String ns, String name, Map<String, String> selector) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withSelector(selector)
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build();
    }

    /** A VirtualService with one http route weighing the given hosts (host, weight, host, weight...). */
    public static GenericKubernetesResource virtualService(
            String ns, String name, String route, Object... hostWeights) {
        List<Map<String, Object>> destinations = new ArrayList<>();
        for (int i = 0; i < hostWeights.length; i += 2) {
            destinations.add(Map.of("destination", Map.of("host", hostWeights[i]), "weight", hostWeights[i + 1]));
        }
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("name", route);
        http.put("route", destinations);
        return custom(VIRTUAL_SERVICE, ns, name, Map.of("hosts", List.of(name), "http", List.of(http)));
    }

    /** An HTTPRoute with one rule weighing the given backends (service, weight, service, weight...). */
    public static GenericKubernetesResource httpRoute(String ns, String name, Object... backendWeights) {
        List<Map<String, Object>> refs = new ArrayList<>();
        for (int i = 0; i < backendWeights.length; i += 2) {
            refs.add(Map.of("name", backendWeights[i], "port", 80, "weight", backendWeights[i + 1]));
        }
        return custom(
                HTTP_ROUTE,
                ns,
                name,
                Map.of(
                        "parentRefs",
                        List.of(Map.of("name", "gateway")),
                        "rules",
                        List.of(Map.of("backendRefs", refs))));
    }

    /** A TrafficSplit weighing the given backends (service, weight, service, weight...). */
    public static GenericKubernetesResource trafficSplit(String ns, String name, Object... backendWeights) {
        List<Map<String, Object>> backends = new ArrayList<>();
        for (int i = 0; i < backendWeights.length; i += 2) {
            backends.add(Map.of("service", backendWeights[i], "weight", backendWeights[i + 1]));
        }
        return custom(TRAFFIC_SPLIT, ns, name, Map.of("service", name, "backends", backends));
    }

    public static Ingress ingress(String ns, String name, String service, Map<String, String> annotations) {
        return new IngressBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName(name)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .addNewRule()
                .withHost("shop.example.com")
                .withNewHttp()
                .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName(service)
                .withNewPort()
                .withNumber(80)
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build();
    }

    public static Map<String, String> nginxCanary(int weight) {
        return Map.of(NginxRouting.CANARY, "true", NginxRouting.CANARY_WEIGHT, Integer.toString(weight));
    }

    private static GenericKubernetesResource custom(RouterKind kind, String ns, String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(kind.apiVersion())
                .withKind(kind.kind())
                .withNewMetadata()
                .withNamespace(ns)
                .withName(name)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }
}
