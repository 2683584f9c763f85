package dev.rollwatch.benchmarks.rollback;

import dev.rollwatch.benchmarks.system.Waits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (the installed binary) as a process of its own, with its own config, data folder
 * and port, scraping the demo application's two tracks every second. The targets carry the labels a
 * Kubernetes service discovery relabelling would give the pods ({@code namespace}, {@code app},
 * {@code track}), so the health monitor's default PromQL selector matches them unchanged.
 */
final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final Path home;
    private final int port;

    private PrometheusServer(Process process, Path home, int port) {
        this.process = process;
        this.home = home;
        this.port = port;
    }

    /**
     * @param stableTarget host:port of the stable track
     * @param canaryTarget host:port of the canary track
     */
    static PrometheusServer start(
            Path binary, int port, String stableTarget, String canaryTarget, String namespace, String application)
            throws IOException {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(
                    "No Prometheus binary at " + binary + " (apt-get install -y prometheus, or --prometheus PATH)");
        }
        Path home = Files.createTempDirectory("rollwatch-bench-prometheus-");
        Path config = home.resolve("prometheus.yml");
        Files.writeString(
                config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: demo
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['%s']
                        labels: {namespace: '%s', app: '%s', track: 'stable'}
                      - targets: ['%s']
                        labels: {namespace: '%s', app: '%s', track: 'canary'}
                """.formatted(stableTarget, namespace, application, canaryTarget, namespace, application));
        Process process = new ProcessBuilder(List.of(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + home.resolve("data"),
                        "--storage.tsdb.retention.time=2h",
                        "--web.listen-address=127.0.0.1:" + port))
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("prometheus.log").toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, home, port);
        try {
            server.awaitReady();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    String address() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Waits.until("Prometheus to be ready", Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
            if (!process.isAlive()) {
                throw new Waits.Abort("Prometheus exited; see " + home.resolve("prometheus.log"));
            }
            try {
                return http.send(
                                                HttpRequest.newBuilder(URI.create(address() + "/-/ready"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200
                        ? Boolean.TRUE
                        : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp folder is harmless; the process is gone.
        }
    }
}
