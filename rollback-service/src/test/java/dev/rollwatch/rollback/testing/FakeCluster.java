package dev.rollwatch.rollback.testing;

import dev.rollwatch.rollback.traffic.ClusterView;
import dev.rollwatch.rollback.traffic.CustomKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory cluster for unit tests of the checks (the ITs use the fabric8 mock API server). */
public class FakeCluster implements ClusterView {

    private final Map<String, HasMetadata> objects = new HashMap<>();

    public FakeCluster with(HasMetadata object) {
        String kind = object instanceof GenericKubernetesResource g
                ? g.getApiVersion() + "/" + g.getKind()
                : object.getClass().getSimpleName();
        objects.put(
                key(
                        kind,
                        object.getMetadata().getNamespace(),
                        object.getMetadata().getName()),
                object);
        return this;
    }

    @Override
    public Optional<Deployment> deployment(String namespace, String name) {
        return Optional.ofNullable((Deployment) objects.get(key("Deployment", namespace, name)));
    }

    @Override
    public List<Deployment> deployments(String namespace) {
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
        return Optional.ofNullable((Service) objects.get(key("Service", namespace, name)));
    }

    @Override
    public Optional<Ingress> ingress(String namespace, String name) {
        return Optional.ofNullable((Ingress) objects.get(key("Ingress", namespace, name)));
    }

    @Override
    public Optional<GenericKubernetesResource> custom(CustomKind kind, String namespace, String name) {
        return Optional.ofNullable(
                (GenericKubernetesResource) objects.get(key(kind.apiVersion() + "/" + kind.kind(), namespace, name)));
    }

    private static String key(String kind, String namespace, String name) {
        return kind + ":" + namespace + "/" + name;
    }
}
