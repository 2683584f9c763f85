package dev.rollwatch.local.demo;

import dev.rollwatch.cluster.Marks;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real HTTP traffic to the demo application, split between the tracks the way the Service in front
 * of the Deployments splits it: all to the new version when its selector picks the preview pods
 * (blue-green switch), otherwise in proportion to the replicas it selects (the replica-ratio router).
 * The split is re-read from the API server several times a second.
 */
public final class LoadGenerator implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newFixedThreadPool(8, r -> {
                Thread thread = new Thread(r, "demo-load");
                thread.setDaemon(true);
                return thread;
            }))
            .build();
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "demo-load-ticks");
        thread.setDaemon(true);
        return thread;
    });
    private static final String TRACK_LABEL = Marks.DEFAULT_TRACK_LABEL;
    private static final String PREVIEW = Marks.PREVIEW_TRACK;

    private final AtomicInteger canaryPercent = new AtomicInteger();

    private LoadGenerator() {}

    public static LoadGenerator start(
            KubernetesClient cluster, String namespace, String deployment, DemoApplication app, int requestsPerSecond) {
        LoadGenerator load = new LoadGenerator();
        load.ticks.scheduleWithFixedDelay(
                () -> load.follow(cluster, namespace, deployment), 0, 200, TimeUnit.MILLISECONDS);
        long period = Math.max(1, 1_000_000 / requestsPerSecond);
        load.ticks.scheduleAtFixedRate(() -> load.send(app), 0, period, TimeUnit.MICROSECONDS);
        return load;
    }

    /** Percent of requests going to the canary track right now. */
    public int canaryPercent() {
        return canaryPercent.get();
    }

    private void follow(KubernetesClient cluster, String namespace, String deployment) {
        try {
            Service service = cluster.services()
                    .inNamespace(namespace)
                    .withName(deployment)
                    .get();
            if (service != null
                    && PREVIEW.equals(service.getSpec().getSelector().get(TRACK_LABEL))) {
                canaryPercent.set(100);
                return;
            }
            int stable = replicas(cluster.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(deployment)
                    .get());
            int canary = replicas(cluster.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(deployment + "-canary")
                    .get());
            canaryPercent.set(stable + canary == 0 ? 0 : Math.round(100f * canary / (stable + canary)));
        } catch (RuntimeException e) {
            // The API server is going away with the rest of the system.
        }
    }

    private static int replicas(Deployment deployment) {
        return deployment == null
                ? 0
                : Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 0);
    }

    private void send(DemoApplication app) {
        boolean toCanary = ThreadLocalRandom.current().nextInt(100) < canaryPercent.get();
        URI target = URI.create((toCanary ? app.canaryUrl() : app.stableUrl()) + "/checkout");
        http.sendAsync(
                HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }
}
