package dev.rollwatch.executor.it;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.UUID;

/** The workloads a test releases to, created in a namespace of the test's own. */
final class Cluster {

    static final String APP = "checkout";
    static final String OLD_IMAGE = "registry.example.com/shop/checkout:1.4.1";
    static final String NEW_IMAGE = "registry.example.com/shop/checkout:1.4.2";

    final KubernetesClient client;
    final String namespace = "ns-" + UUID.randomUUID().toString().substring(0, 8);

    Cluster(KubernetesClient client) {
        this.client = client;
    }

    /** The stable Deployment (container "app" plus a sidecar) and its Service, rolled out. */
    Cluster app(int replicas) {
        client.apps()
                .deployments()
                .inNamespace(namespace)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(APP)
                        .withNamespace(namespace)
                        .addToLabels("app", APP)
                        .addToAnnotations("deployment.kubernetes.io/revision", "41")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(replicas)
                        .withNewSelector()
                        .addToMatchLabels("app", APP)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", APP)
                        .addToLabels("team", "shop")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("app")
                        .withImage(OLD_IMAGE)
                        .addNewPort()
                        .withContainerPort(8080)
                        .endPort()
                        .endContainer()
                        .addNewContainer()
                        .withName("proxy")
                        .withImage("envoyproxy/envoy:v1.31.0")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .withNewStrategy()
                        .withType("RollingUpdate")
                        .withNewRollingUpdate()
                        .withMaxSurge(new IntOrString("25%"))
                        .withMaxUnavailable(new IntOrString("25%"))
                        .endRollingUpdate()
                        .endStrategy()
                        .endSpec()
                        .build())
                .create();
        service(APP, Map.of("app", APP));
        return this;
    }

    Service service(String name, Map<String, String> selector) {
        return client.services()
                .inNamespace(namespace)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .endMetadata()
                        .withNewSpec()
                        .withSelector(selector)
                        .addNewPort()
                        .withName("http")
                        .withPort(80)
                        .withTargetPort(new IntOrString(8080))
                        .endPort()
                        .endSpec()
                        .build())
                .create();
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    Service service(String name) {
        return client.services().inNamespace(namespace).withName(name).get();
    }

    int replicas(String name) {
        Deployment deployment = deployment(name);
        return deployment == null ? 0 : deployment.getSpec().getReplicas();
    }

    String image(String name) {
        return deployment(name)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage();
    }

    GenericKubernetesResource create(ResourceDefinitionContext type, GenericKubernetesResource resource) {
        return client.genericKubernetesResources(type)
                .inNamespace(namespace)
                .resource(resource)
                .create();
    }

    GenericKubernetesResource get(ResourceDefinitionContext type, String name) {
        return client.genericKubernetesResources(type)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }
}
