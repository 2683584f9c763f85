package dev.rollwatch.benchmarks.rollback;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches the canary Deployment on the Kubernetes API and notes the instant it stops taking traffic.
 * With the replica-ratio router the Service selects stable and canary pods alike, so the canary's
 * share is its replicas over all replicas: 0% exactly when the canary Deployment is scaled to 0 (or
 * removed). A watch, not polling: the instant is when the API server announced the change.
 */
final class ZeroTrafficWatch implements AutoCloseable {

    private final CompletableFuture<Instant> zero = new CompletableFuture<>();
    private final Watch watch;

    private ZeroTrafficWatch(KubernetesClient cluster, String namespace, String deployment) {
        this.watch = cluster.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(deployment)
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Deployment d) {
                        Instant now = Instant.now();
                        if (action == Action.DELETED
                                || d.getSpec().getReplicas() == null
                                || d.getSpec().getReplicas() == 0) {
                            zero.complete(now);
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        zero.completeExceptionally(new IllegalStateException(
                                "the watch on " + deployment + " closed: " + cause.getMessage(), cause));
                    }
                });
    }

    /** Starts watching; call before the fault is injected. */
    static ZeroTrafficWatch on(KubernetesClient cluster, String namespace, String deployment) {
        return new ZeroTrafficWatch(cluster, namespace, deployment);
    }

    Instant await(Duration timeout) {
        try {
            return zero.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the canary still took traffic " + timeout.toSeconds() + "s after the fault");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        watch.close();
    }
}
