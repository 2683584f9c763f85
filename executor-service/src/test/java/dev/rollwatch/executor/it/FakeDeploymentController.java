package dev.rollwatch.executor.it;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The mock API server has no controllers, so the tests play the Deployment controller: it watches
 * Deployments and gives every one whose status lags its spec the status a healthy rollout reports
 * (all pods updated, ready and available, the latest generation observed). A frozen Deployment is
 * left alone, as if its new pods never became ready.
 */
final class FakeDeploymentController implements AutoCloseable {

    private final KubernetesClient client;
    private final Set<String> frozen = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "fake-deployment-controller");
        thread.setDaemon(true);
        return thread;
    });
    private final Watch watch;

    FakeDeploymentController(KubernetesClient client) {
        this.client = client;
        this.watch = client.apps().deployments().inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment deployment) {
                if (action == Action.ADDED || action == Action.MODIFIED) {
                    worker.execute(() -> reconcile(
                            deployment.getMetadata().getNamespace(),
                            deployment.getMetadata().getName()));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // The test is over.
            }
        });
    }

    /** Its pods never become ready (until {@link #thaw}). */
    void freeze(String namespace, String name) {
        frozen.add(namespace + "/" + name);
    }

    void thaw(String namespace, String name) {
        frozen.remove(namespace + "/" + name);
        worker.execute(() -> reconcile(namespace, name));
    }

    /** The Deployment's status reports its current spec (nothing left for the controller to do). */
    boolean settled(String namespace, String name) {
        Deployment deployment = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .get();
        return deployment != null && !lags(deployment);
    }

    private void reconcile(String namespace, String name) {
        if (frozen.contains(namespace + "/" + name)) {
            return;
        }
        try {
            Deployment deployment = client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            if (deployment != null && lags(deployment)) {
                int desired = desired(deployment);
                deployment.setStatus(new DeploymentStatusBuilder()
                        .withObservedGeneration(deployment.getMetadata().getGeneration())
                        .withReplicas(desired)
                        .withUpdatedReplicas(desired)
                        .withReadyReplicas(desired)
                        .withAvailableReplicas(desired)
                        .build());
                client.apps()
                        .deployments()
                        .inNamespace(namespace)
                        .resource(deployment)
                        .updateStatus();
            }
        } catch (KubernetesClientException e) {
            // A conflict with the executor's write: its MODIFIED event brings us back.
        }
    }

    private static boolean lags(Deployment deployment) {
        var status = deployment.getStatus();
        int desired = desired(deployment);
        return status == null
                || !Objects.equals(
                        status.getObservedGeneration(), deployment.getMetadata().getGeneration())
                || !Objects.equals(status.getReadyReplicas(), desired)
                || !Objects.equals(status.getReplicas(), desired);
    }

    private static int desired(Deployment deployment) {
        return deployment.getSpec().getReplicas() == null
                ? 1
                : deployment.getSpec().getReplicas();
    }

    @Override
    public void close() {
        watch.close();
        worker.shutdownNow();
    }
}
