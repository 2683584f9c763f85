package dev.rollwatch.rollback.testing;

import dev.rollwatch.cluster.routing.RouterKind;
import dev.rollwatch.rollback.traffic.ClusterView;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory cluster for unit tests of the checks (the ITs use the fabric8 mock API server). Like
 * the API server, it serves a typed object (an Ingress) unstructured when asked for it by kind.
 */
public class FakeCluster implements ClusterView {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final Map<String, HasMetadata> objects = new HashMap<>();
    private final Map<String, Integer> reads = new HashMap<>();

    /** How many reads each object (or namespace list) got, keyed as {@code deployment:ns/name}, {@code deployments:ns}... */
    public Map<String, Integer> reads() {
        return Map.copyOf(reads);
    }

    private void counted(String key) {
        reads.merge(key, 1, Integer::sum);
    }

    public FakeCluster with(HasMetadata object) {
        objects.put(
                key(
                        typeOf(object),
                        object.getMetadata().getNamespace(),
                        object.getMetadata().getName()),
                object);
        return this;
    }

    @Override
    public Optional<Deployment> deployment(String namespace, String name) {
        counted("deployment:" + namespace + "/" + name);
        return Optional.ofNullable((Deployment) objects.get(key(typeOf(Deployment.class), namespace, name)));
    }

    @Override
    public List<Deployment> deployments(String namespace) {
        counted("deployments:" + namespace);
        List<Deployment> found = new ArrayList<>();
        objects.values().forEach(o -> {
            if (o instanceof Deployment d && namespace.equals(d.getMetadata().getNamespace())) {
                found.add(d);
            }
        });
        return found;
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        counted("service:" + namespace + "/" + name);
        return Optional.ofNullable((Service) objects.get(key(typeOf(Service.class), namespace, name)));
    }

    @Override
    public Optional<GenericKubernetesResource> routingObject(RouterKind kind, String namespace, String name) {
        counted(kind.kind() + ":" + namespace + "/" + name);
        HasMetadata found = objects.get(key(kind.apiVersion() + "/" + kind.kind(), namespace, name));
        if (found == null || found instanceof GenericKubernetesResource) {
            return Optional.ofNullable((GenericKubernetesResource) found);
        }
        GenericKubernetesResource generic = JSON.convertValue(found, GenericKubernetesResource.class);
        generic.setApiVersion(kind.apiVersion());
        generic.setKind(kind.kind());
        return Optional.of(generic);
    }

    private static String typeOf(HasMetadata object) {
        return object instanceof GenericKubernetesResource g
                ? g.getApiVersion() + "/" + g.getKind()
                : typeOf(object.getClass());
    }

    private static String typeOf(Class<? extends HasMetadata> type) {
        return HasMetadata.getApiVersion(type) + "/" + HasMetadata.getKind(type);
    }

    private static String key(String type, String namespace, String name) {
        return type + ":" + namespace + "/" + name;
    }
}
