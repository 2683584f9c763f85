package dev.rollwatch.benchmarks.throughput;

import dev.rollwatch.benchmarks.system.Waits;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The applications the throughput test releases: one Deployment (10 replicas of version 1.0) and one
 * Service each, in their own namespace of the simulated cluster, created before any release so the
 * test measures Rollwatch, not the setup.
 */
final class BenchApplications {

    static final String NAMESPACE = "bench";
    static final int REPLICAS = 10;

    private BenchApplications() {}

    static String name(int index) {
        return String.format(Locale.ROOT, "app-%04d", index);
    }

    /** Creates {@code count} applications and waits until the cluster reports every one ready. */
    static List<String> create(KubernetesClient cluster, int count, Duration timeout) throws InterruptedException {
        cluster.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NAMESPACE)
                        .endMetadata()
                        .build())
                .createOr(NonDeletingOperation::update);
        List<String> names = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String name = name(i);
                names.add(name);
                created.add(pool.submit(() -> create(cluster, name)));
            }
            for (Future<?> f : created) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Creating the benchmark's Deployments failed: " + e.getCause(), e);
        } finally {
            pool.shutdown();
        }
        Waits.until(count + " Deployments ready", timeout, Duration.ofSeconds(1), () -> {
            long ready = cluster.apps().deployments().inNamespace(NAMESPACE).list().getItems().stream()
                    .filter(BenchApplications::ready)
                    .count();
            return ready >= count ? Boolean.TRUE : null;
        });
        return names;
    }

    private static void create(KubernetesClient cluster, String name) {
        cluster.apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addToLabels("app", name)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(REPLICAS)
                        .withNewSelector()
                        .addToMatchLabels("app", name)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", name)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("app")
                        .withImage("bench.local/" + name + ":1.0")
                        .addNewPort()
                        .withName("http")
                        .withContainerPort(8080)
                        .endPort()
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        cluster.services()
                .inNamespace(NAMESPACE)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .withNewSpec()
                        .addToSelector("app", name)
                        .addNewPort()
                        .withName("http")
                        .withPort(80)
                        .withNewTargetPort("http")
                        .endPort()
                        .endSpec()
                        .build())
                .create();
    }

    static boolean ready(Deployment d) {
        int desired = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
        return desired > 0
                && d.getStatus() != null
                && Objects.requireNonNullElse(d.getStatus().getReadyReplicas(), 0) >= desired;
    }
}
