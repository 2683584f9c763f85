package dev.rollwatch.rollback.verification.kubernetes;

import dev.rollwatch.cluster.routing.RouterKind;
import dev.rollwatch.rollback.traffic.ClusterView;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The cluster as one verification pass sees it: each object is read at most once, however many checks
 * ask for it (the restore's checks, then the marks of an unverified restore), so a pass costs the API
 * server what it needs and judges one consistent set of objects. A failed read is not kept: it fails the
 * pass, and the next pass reads again.
 */
final class ReadOnce implements ClusterView {

    private final ClusterView cluster;
    private final Map<String, Object> read = new HashMap<>();

    ReadOnce(ClusterView cluster) {
        this.cluster = cluster;
    }

    @Override
    public Optional<Deployment> deployment(String namespace, String name) {
        @SuppressWarnings("unchecked")
        List<Deployment> listed = (List<Deployment>) read.get("deployments:" + namespace);
        if (listed != null) {
            // The namespace's list holds the Deployment as it was read in this pass.
            return listed.stream()
                    .filter(d -> name.equals(d.getMetadata().getName()))
                    .findFirst();
        }
        return once("deployment:" + namespace + "/" + name, () -> cluster.deployment(namespace, name));
    }

    @Override
    public List<Deployment> deployments(String namespace) {
        return once("deployments:" + namespace, () -> cluster.deployments(namespace));
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return once("service:" + namespace + "/" + name, () -> cluster.service(namespace, name));
    }

    @Override
    public Optional<GenericKubernetesResource> routingObject(RouterKind kind, String namespace, String name) {
        return once(
                kind.apiVersion() + "/" + kind.kind() + ":" + namespace + "/" + name,
                () -> cluster.routingObject(kind, namespace, name));
    }

    @SuppressWarnings("unchecked")
    private <T> T once(String key, Supplier<T> reader) {
        Object known = read.get(key);
        if (known != null) {
            return (T) known;
        }
        T value = reader.get();
        read.put(key, value);
        return value;
    }
}
