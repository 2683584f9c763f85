package dev.rollwatch.local.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo application: one HTTP endpoint per track (stable and canary), each behaving as the image
 * its Deployment currently runs. An image tagged {@code *-faulty} fails one request in five at once
 * and answers the others slowly (p95 well above 2 s); an image whose tag contains {@value #SLOW}
 * fails nothing and answers in 300-400 ms, within the demo's 2 s p95 limit but several times slower
 * than the tens of milliseconds of a healthy version (a regression only a baseline can tell); an image
 * tagged {@code *-crashloop} (whose pods the simulated cluster shows crashing, see
 * {@link SimulatedCluster#crashLoops}) answers nothing, not even its metrics: a request or scrape that
 * reaches one of its pods has its connection closed; any other image answers in tens of
 * milliseconds. Each track exposes real request metrics at
 * {@code /metrics}, as Micrometer names them ({@code http_server_requests_seconds} histogram with a
 * {@code status} label).
 */
public final class DemoApplication implements AutoCloseable {

    /** In an image's tag: the version is slower than a healthy one, but within the demo's limits. */
    public static final String SLOW = "slow";

    private final Track stable;
    private final Track canary;

    private DemoApplication(Track stable, Track canary) {
        this.stable = stable;
        this.canary = canary;
    }

    /**
     * @param deployment the stable Deployment; the new version runs in {@code <deployment>-canary}
     *                   (canary) or {@code <deployment>-preview} (blue-green), and a rolling update
     *                   changes the stable Deployment itself
     */
    public static DemoApplication start(
            KubernetesClient cluster, String namespace, String deployment, int stablePort, int canaryPort)
            throws IOException {
        return new DemoApplication(
                Track.start("stable", cluster, namespace, List.of(deployment), stablePort),
                Track.start(
                        "canary",
                        cluster,
                        namespace,
                        List.of(deployment + "-canary", deployment + "-preview"),
                        canaryPort));
    }

    public String stableUrl() {
        return stable.url();
    }

    public String canaryUrl() {
        return canary.url();
    }

    /**
     * Makes the canary track behave as a faulty image from this instant on (or healthy again), whatever
     * image it runs: the benchmark needs to know exactly when a healthy canary starts failing.
     */
    public void injectCanaryFault(boolean faulty) {
        canary.injectFault(faulty);
    }

    @Override
    public void close() {
        stable.close();
        canary.close();
    }

    /** One track: an HTTP server playing the pods of one Deployment. */
    static final class Track implements AutoCloseable {
        private final String name;
        private final HttpServer server;
        private final ExecutorService workers = Executors.newFixedThreadPool(256, r -> daemon(r, "demo-request"));
        private final ScheduledExecutorService watcher =
                Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "demo-image-watch"));
        private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        /** What the track's pods run: the new image on {@code updated} of them, the previous one on the rest. */
        private final AtomicReference<Pods> pods = new AtomicReference<>(NO_PODS);
        /** Set by the benchmark: fail as a faulty image does, whatever the pods run. */
        private final AtomicBoolean injectedFault = new AtomicBoolean();

        /** No Deployment of the track has pods: whatever answers plays a healthy version. */
        private static final Pods NO_PODS = new Pods("", "", 1.0);

        private record Pods(String image, String previousImage, double updatedShare) {

            /** The image the pod answering one request runs. */
            String pick() {
                return ThreadLocalRandom.current().nextDouble() < updatedShare ? image : previousImage;
            }

            /** Whether some of the track's pods still run {@code candidate}. */
            boolean run(String candidate) {
                return candidate.equals(image) || candidate.equals(previousImage);
            }

            Pods next(String currentImage, double share) {
                boolean rolledOut = share >= 1.0;
                String previous = currentImage.equals(image) ? previousImage : image;
                return new Pods(currentImage, rolledOut ? currentImage : previous, share);
            }
        }

        private Track(String name, HttpServer server) {
            this.name = name;
            this.server = server;
        }

        static Track start(String name, KubernetesClient cluster, String namespace, List<String> deployments, int port)
                throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 256);
            Track track = new Track(name, server);
            server.setExecutor(track.workers);
            server.createContext("/metrics", track::metrics);
            server.createContext("/", track::request);
            server.start();
            track.watcher.scheduleWithFixedDelay(
                    () -> track.follow(cluster, namespace, deployments), 0, 250, TimeUnit.MILLISECONDS);
            return track;
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort();
        }

        String image() {
            return pods.get().image();
        }

        void injectFault(boolean faulty) {
            injectedFault.set(faulty);
        }

        /**
         * Share of the pods already running the current template: the status counts only once the
         * controller reports progress on the current template's ReplicaSet.
         */
        private static double updatedShare(Deployment deployment) {
            var status = deployment.getStatus();
            if (status == null || status.getUpdatedReplicas() == null || status.getConditions() == null) {
                return 0;
            }
            String replicaSet = SimulatedCluster.replicaSetName(deployment);
            boolean current = status.getConditions().stream()
                    .anyMatch(c -> "Progressing".equals(c.getType())
                            && c.getMessage() != null
                            && c.getMessage().contains("\"" + replicaSet + "\""));
            return current
                    ? Math.min(
                            1.0,
                            (double) status.getUpdatedReplicas()
                                    / deployment.getSpec().getReplicas())
                    : 0;
        }

        /** Plays the pods of the first of {@code deployments} that has any. */
        private void follow(KubernetesClient cluster, String namespace, List<String> deployments) {
            try {
                for (String name : deployments) {
                    Deployment current = cluster.apps()
                            .deployments()
                            .inNamespace(namespace)
                            .withName(name)
                            .get();
                    if (current != null
                            && current.getSpec().getReplicas() != null
                            && current.getSpec().getReplicas() > 0) {
                        String image = current.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getImage();
                        pods.updateAndGet(p -> p.next(image, updatedShare(current)));
                        return;
                    }
                }
                // Scaled to zero (a canary after its release): its pods are gone, and the next release's
                // pods start from nothing, not from the last version this track played.
                pods.set(NO_PODS);
            } catch (RuntimeException e) {
                // The API server is going away with the rest of the system.
            }
        }

        private void request(HttpExchange exchange) throws IOException {
            long start = System.nanoTime();
            String image = pods.get().pick();
            if (SimulatedCluster.crashLoops(image)) {
                dropped(exchange);
                return;
            }
            boolean faulty = injectedFault.get() || image.contains("faulty");
            ThreadLocalRandom random = ThreadLocalRandom.current();
            // A faulty version fails one request in five at once (an exception answers fast) and is
            // slow on the rest (the work behind them drags).
            int status = faulty && random.nextInt(5) == 0 ? 500 : 200;
            Duration latency = faulty
                    ? (status == 500
                            ? Duration.ofMillis(5 + random.nextInt(20))
                            : Duration.ofMillis(1800 + random.nextInt(1400)))
                    : image.contains(SLOW)
                            ? Duration.ofMillis(300 + random.nextInt(100))
                            : Duration.ofMillis(15 + random.nextInt(50));
            LockSupport.parkNanos(latency.toNanos()); // the work this request stands for
            respond(exchange, status, (status == 200 ? "ok " : "error ") + image + "\n");
            // A pod replaced while it answered took its counters with it: a slow answer of a version the
            // track no longer runs must not land in the metrics of the pods that replaced it (the next
            // release's canary would be judged on its predecessor's last requests).
            if (!pods.get().run(image)) {
                return;
            }
            Timer.builder("http.server.requests")
                    .tag("method", exchange.getRequestMethod())
                    .tag("uri", "/")
                    .tag("status", Integer.toString(status))
                    .tag("outcome", status < 400 ? "SUCCESS" : "SERVER_ERROR")
                    .tag("track", name)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }

        private void metrics(HttpExchange exchange) throws IOException {
            if (SimulatedCluster.crashLoops(pods.get().pick())) {
                dropped(exchange);
                return;
            }
            respond(exchange, 200, registry.scrape());
        }

        /** A process that keeps crashing answers nothing: closed before a response, the connection drops. */
        private static void dropped(HttpExchange exchange) {
            exchange.close();
        }

        private static void respond(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            watcher.shutdownNow();
            server.stop(0);
            workers.shutdownNow();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
