package dev.rollwatch.rollback.traffic;

import dev.rollwatch.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;

/**
 * What the verification may read of a cluster: get and list, nothing else. Kept this narrow so the
 * checks are plain functions of objects (testable without a cluster) and so the RBAC Role stays
 * read-only.
 */
public interface ClusterView {

    Optional<Deployment> deployment(String namespace, String name);

    List<Deployment> deployments(String namespace);

    Optional<Service> service(String namespace, String name);

    /**
     * A routing object read unstructured by its kind: the custom resources of Istio, Gateway API and
     * SMI, and NGINX's canary Ingress alike, so every router's weights are read through one path.
     */
    Optional<GenericKubernetesResource> routingObject(RouterKind kind, String namespace, String name);
}
