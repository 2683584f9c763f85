package dev.rollwatch.benchmarks.throughput;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the benchmark namespace on the Kubernetes API and notes, per application, when its canary
 * Deployment first appeared (the executor's first write of the release) and when its pods were first
 * reported ready (the simulated Deployment controller's doing). These split the executor's hop into
 * Rollwatch's own work and the time the cluster takes.
 */
final class CanaryObserver implements AutoCloseable {

    private static final String SUFFIX = "-canary";
    private final Map<String, Instant> created = new ConcurrentHashMap<>();
    private final Map<String, Instant> ready = new ConcurrentHashMap<>();
    private final Watch watch;
    private volatile String closedBecause;

    private CanaryObserver(KubernetesClient cluster, String namespace) {
        this.watch = cluster.apps().deployments().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment d) {
                Instant now = Instant.now();
                String name = d.getMetadata().getName();
                if (!name.endsWith(SUFFIX) || action == Action.DELETED) {
                    return;
                }
                String application = name.substring(0, name.length() - SUFFIX.length());
                created.putIfAbsent(application, now);
                if (BenchApplications.ready(d)) {
                    ready.putIfAbsent(application, now);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                closedBecause = cause.getMessage();
            }
        });
    }

    static CanaryObserver watch(KubernetesClient cluster, String namespace) {
        return new CanaryObserver(cluster, namespace);
    }

    Instant created(String application) {
        return created.get(application);
    }

    Instant ready(String application) {
        return ready.get(application);
    }

    /** Why the watch stopped early, or null: its figures are incomplete then. */
    String closedBecause() {
        return closedBecause;
    }

    @Override
    public void close() {
        watch.close();
    }
}
