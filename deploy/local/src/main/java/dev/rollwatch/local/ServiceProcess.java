package dev.rollwatch.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Rollwatch service (its packaged Quarkus app) running as a process of its own, with two ports: its API
 * ({@link #url()}) and its management interface ({@link #managementUrl()}: health, metrics and the API
 * document, which the API port does not serve).
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final int managementPort;
    private final ChildProcess process;
    private final AotCache aot;

    private ServiceProcess(String name, int port, int managementPort, ChildProcess process, AotCache aot) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.aot = aot;
    }

    static ServiceProcess start(
            String name,
            Path repository,
            int port,
            int managementPort,
            Map<String, String> environment,
            List<String> jvmOptions,
            JavaLauncher java,
            Path log)
            throws IOException {
        Path jar = repository.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        java.util.ArrayList<String> options = new java.util.ArrayList<>(defaultJvmOptions());
        AotCache aot = AotCache.of(jar.getParent());
        options.addAll(aot.jvmOptions());
        options.addAll(extraJvmOptions());
        options.addAll(jvmOptions);
        java.util.HashMap<String, String> env = new java.util.HashMap<>(environment);
        env.put("ROLLWATCH_HTTP_PORT", Integer.toString(port));
        env.put("ROLLWATCH_MANAGEMENT_PORT", Integer.toString(managementPort));
        return new ServiceProcess(
                name, port, managementPort, ChildProcess.start(name, java.jar(jar, options), env, log), aot);
    }

    /**
     * How the local system sizes each service's JVM, measured with the benchmark: the heap starts small and
     * gives back what it no longer uses (the initial heap otherwise defaults to the whole maximum, committed
     * from the start), smaller thread stacks and code cache, and the C library's heap trimmed every 5 s
     * (Java 22 and later). Each service idles at about 230-250 MiB resident this way, against 310-340 MiB
     * with only {@code -Xmx256m}.
     */
    public static List<String> defaultJvmOptions() {
        java.util.ArrayList<String> options = new java.util.ArrayList<>(List.of(
                "-XX:+UseSerialGC",
                "-Xms16m",
                "-Xmx192m",
                "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30",
                "-Xss256k",
                "-XX:ReservedCodeCacheSize=64m"));
        if (Runtime.version().feature() >= 22) {
            options.add("-XX:TrimNativeHeapInterval=5000");
        }
        return List.copyOf(options);
    }

    /**
     * JVM options for every service process from {@value #EXTRA_JVM_OPTIONS} (separated by spaces):
     * the system tests start and restart services by the dozen on two cores, where a JIT that stops at
     * C1 spends far less of the CPU they share than a JVM warming up for a long life.
     */
    private static List<String> extraJvmOptions() {
        String extra = System.getProperty(EXTRA_JVM_OPTIONS, "").strip();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    /** The system property holding extra JVM options for the services. */
    public static final String EXTRA_JVM_OPTIONS = "rollwatch.local.service-jvm-options";

    public String name() {
        return name;
    }

    /** The API's base URL. */
    public String url() {
        return "http://localhost:" + port;
    }

    /** The management interface's base URL: {@code /q/health/*}, {@code /q/metrics}, {@code /q/openapi}. */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    /** Waits until the service reports ready (database and Kafka included), or explains why not. */
    void awaitReady(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting:\n" + Logs.tail(process.log(), 25));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            Pause.briefly(Duration.ofMillis(250));
        }
        throw new IllegalStateException(
                name + " was not ready within " + timeout.toSeconds() + "s:\n" + Logs.tail(process.log(), 25));
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    /** Asks the service to shut down (SIGTERM) without waiting; {@link #close()} waits. */
    void requestStop() {
        process.requestStop();
    }

    /** Kills the process without letting it shut down (a crash). */
    void kill() {
        process.kill();
        aot.discard();
    }

    /** Shuts the service down as Kubernetes would (SIGTERM: it drains and leaves its consumer groups) and waits. */
    @Override
    public void close() {
        if (process.close(aot.stopGrace())) {
            aot.afterExit();
        } else {
            aot.discard();
        }
    }
}
