package dev.rollwatch.healthmonitor.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) run as a plain process with its own
 * config, data folder and port, scraping the given targets every second. Missing binary: the test
 * fails and says how to install it; it is never skipped.
 */
public final class PrometheusServer implements AutoCloseable {

    /**
     * One scrape target.
     *
     * @param hostPort host:port of its /metrics
     * @param labels   labels Prometheus attaches to its series (namespace, app, track)
     */
    public record Target(String hostPort, Map<String, String> labels) {}

    private final Process process;
    private final Path home;
    private final int port;

    private PrometheusServer(int port, List<Target> targets) throws IOException {
        String binary = binary();
        home = Files.createTempDirectory("rollwatch-prometheus");
        this.port = port;
        Path config = home.resolve("prometheus.yml");
        Files.writeString(config, config(targets));
        process = new ProcessBuilder(
                        binary,
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + home.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("prometheus.log").toFile())
                .start();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(address() + "/-/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        await("Prometheus ready on port " + port)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(
                                "Prometheus exited: " + Files.readString(home.resolve("prometheus.log")));
                    }
                    return client.send(ready, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
    }

    /**
     * On one of the ports the installation allows ({@link ReservedPrometheusPorts}); a release naming any
     * other Prometheus is not queried.
     */
    public static PrometheusServer start(int allowedPort, List<Target> targets) {
        try {
            return new PrometheusServer(allowedPort, targets);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Prometheus", e);
        }
    }

    public String address() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the server, as an outage would. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .map(Path::toFile)
                    .forEach(File::delete);
        } catch (IOException e) {
            // A leftover temp folder is not worth failing a test for.
        }
    }

    private static String binary() {
        String configured = System.getenv("ROLLWATCH_PROMETHEUS");
        if (configured != null && new File(configured).canExecute()) {
            return configured;
        }
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "prometheus");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        throw new AssertionError("These tests need a real Prometheus server and no 'prometheus' binary was found on "
                + "the PATH. Install Debian's package (apt-get update && apt-get install -y prometheus) or point "
                + "ROLLWATCH_PROMETHEUS at a Prometheus 2.x binary.");
    }

    private static String config(List<Target> targets) {
        StringBuilder yaml = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                  evaluation_interval: 1s
                scrape_configs:
                """);
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            String labels = t.labels().entrySet().stream()
                    .map(e -> "          " + e.getKey() + ": \"" + e.getValue() + "\"")
                    .collect(Collectors.joining("\n"));
            yaml.append("  - job_name: target-")
                    .append(i)
                    .append('\n')
                    .append("    metrics_path: /metrics\n")
                    .append("    static_configs:\n")
                    .append("      - targets: [\"")
                    .append(t.hostPort())
                    .append("\"]\n")
                    .append("        labels:\n")
                    .append(labels)
                    .append('\n');
        }
        return yaml.toString();
    }
}
