package dev.rollwatch.rollback.testing;

import dev.rollwatch.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** Writes into the fabric8 mock API server what the executor and the Deployment controller would have. */
public final class MockCluster {

    private final KubernetesClient client;

    public MockCluster(KubernetesClient client) {
        this.client = client;
    }

    public MockCluster write(HasMetadata object) {
        if (object instanceof GenericKubernetesResource custom) {
            RouterKind kind = new RouterKind(custom.getApiVersion(), custom.getKind(), plural(custom.getKind()));
            client.genericKubernetesResources(context(kind))
                    .inNamespace(custom.getMetadata().getNamespace())
                    .resource(custom)
                    .createOr(NonDeletingOperation::update);
            return this;
        }
        client.resource(object).createOr(NonDeletingOperation::update);
        if (object instanceof Deployment deployment) {
            // The status is the controller's: written through the status subresource, as it would be.
            client.apps().deployments().resource(deployment).updateStatus();
        }
        return this;
    }

    public MockCluster write(HasMetadata... objects) {
        for (HasMetadata object : objects) {
            write(object);
        }
        return this;
    }

    private static ResourceDefinitionContext context(RouterKind kind) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(kind.group())
                .withVersion(kind.version())
                .withKind(kind.kind())
                .withPlural(kind.plural())
                .withNamespaced(true)
                .build();
    }

    private static String plural(String kind) {
        return kind.toLowerCase() + "s";
    }
}
