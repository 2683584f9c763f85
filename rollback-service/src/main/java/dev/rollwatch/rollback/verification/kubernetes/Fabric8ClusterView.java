package dev.rollwatch.rollback.verification.kubernetes;

import dev.rollwatch.cluster.routing.RouterKind;
import dev.rollwatch.rollback.traffic.ClusterView;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Optional;

/** The cluster through fabric8, read-only: get and list only (the RBAC Role allows nothing else). */
final class Fabric8ClusterView implements ClusterView {

    private final KubernetesClient client;

    Fabric8ClusterView(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<Deployment> deployment(String namespace, String name) {
        return Optional.ofNullable(client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .get());
    }

    @Override
    public List<Deployment> deployments(String namespace) {
        return client.apps().deployments().inNamespace(namespace).list().getItems();
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return Optional.ofNullable(
                client.services().inNamespace(namespace).withName(name).get());
    }

    @Override
    public Optional<GenericKubernetesResource> routingObject(RouterKind kind, String namespace, String name) {
        // An explicit definition: no API discovery round trip, and no typed Istio/SMI model needed
        // (the built-in Ingress reads the same way, at the same URL as its typed form).
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                .withGroup(kind.group())
                .withVersion(kind.version())
                .withKind(kind.kind())
                .withPlural(kind.plural())
                .withNamespaced(true)
                .build();
        return Optional.ofNullable(client.genericKubernetesResources(context)
                .inNamespace(namespace)
                .withName(name)
                .get());
    }
}
