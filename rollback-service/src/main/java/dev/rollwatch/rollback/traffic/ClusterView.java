package dev.rollwatch.rollback.traffic;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
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

    Optional<Ingress> ingress(String namespace, String name);

    /** A routing object of a custom resource kind (Istio, Gateway API, SMI), read unstructured. */
    Optional<GenericKubernetesResource> custom(CustomKind kind, String namespace, String name);
}
