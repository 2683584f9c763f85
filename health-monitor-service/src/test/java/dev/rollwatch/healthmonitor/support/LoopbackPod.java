package dev.rollwatch.healthmonitor.support;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The tests' metrics endpoints listen on 127.0.0.1, and a release may list only endpoints on pods of
 * its own namespace: this pod of {@code shop} (on the fabric8 mock API server) has that IP. It carries
 * no application label, so no release discovers it.
 */
public final class LoopbackPod {

    public static final String NAMESPACE = "shop";
    private static final String NAME = "loopback-metrics-host";

    private LoopbackPod() {}

    public static void ensure(KubernetesClient kubernetes) {
        if (kubernetes.pods().inNamespace(NAMESPACE).withName(NAME).get() != null) {
            return;
        }
        kubernetes
                .pods()
                .inNamespace(NAMESPACE)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(NAME)
                        .withNamespace(NAMESPACE)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("exporter")
                        .withImage("exporter:1")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        kubernetes
                .pods()
                .inNamespace(NAMESPACE)
                .withName(NAME)
                .editStatus(p -> new PodBuilder(p)
                        .withNewStatus()
                        .withPhase("Running")
                        .withPodIP("127.0.0.1")
                        .endStatus()
                        .build());
    }
}
