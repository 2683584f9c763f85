package dev.rollwatch.benchmarks.system;

import dev.rollwatch.benchmarks.footprint.ProcessCpu;
import dev.rollwatch.benchmarks.footprint.ReadinessClock;
import dev.rollwatch.local.LocalSystem;
import dev.rollwatch.local.demo.DemoScenario;
import dev.rollwatch.local.demo.ReleaseApiClient;
import dev.rollwatch.local.demo.SimulatedCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The system under test: the local system (real Kafka and PostgreSQL, the five packaged services as
 * processes, the simulated Kubernetes API) on free ports, the demo application with real traffic, and
 * a tap on every topic. Everything it starts it stops, keeping a copy of the processes' logs.
 */
public final class BenchmarkSystem implements AutoCloseable {

    private final AtomicBoolean closed = new AtomicBoolean();
    private final LocalSystem local;
    private final ReadinessClock readiness;
    private final Instant startedAt;
    private final Instant readyAt;
    private final ReleaseApiClient api;
    private final ProcessCpu cpu;
    private DemoScenario demo;
    private EventTap tap;

    private BenchmarkSystem(
            LocalSystem local, ReadinessClock readiness, Instant startedAt, Instant readyAt, int postgresPort) {
        this.local = local;
        this.readiness = readiness;
        this.startedAt = startedAt;
        this.readyAt = readyAt;
        this.api = new ReleaseApiClient(local.apiUrl(), local.devKey());
        this.cpu = new ProcessCpu(postgresPort);
    }

    /**
     * @param repository  repository root (the packaged services are under it)
     * @param launcherJar this harness's jar (its lib/ holds the broker's classpath)
     * @param systemLog   where the local system's progress and the local receiver's messages go
     * @param logCopy     where the processes' logs are copied when the system stops
     */
    public static BenchmarkSystem start(
            Path repository, Path launcherJar, PrintStream systemLog, Path logCopy, int requestsPerSecond)
            throws IOException, SQLException {
        refuseRealTargets();
        FreePorts ports = new FreePorts();
        int firstApiPort = ports.consecutive(LocalSystem.SERVICES.size(), 30_000, 39_000);
        int firstManagementPort = ports.consecutive(LocalSystem.SERVICES.size(), 30_000, 39_000);
        int postgresPort = ports.any();
        LocalSystem.Options options = new LocalSystem.Options(
                ports.withPartner(10_000, 20_000, 29_000),
                postgresPort,
                firstApiPort,
                firstManagementPort,
                ports.any(),
                ports.any(),
                repository,
                launcherJar,
                systemLog,
                logCopy);
        // Readiness is on each service's management port (its API port serves no health checks).
        Map<String, String> urls = new LinkedHashMap<>();
        for (int i = 0; i < LocalSystem.SERVICES.size(); i++) {
            urls.put(LocalSystem.SERVICES.get(i), "http://localhost:" + (firstManagementPort + i));
        }
        ReadinessClock readiness = ReadinessClock.start(urls);
        Instant startedAt = Instant.now();
        LocalSystem local = LocalSystem.start(options);
        BenchmarkSystem system = new BenchmarkSystem(local, readiness, startedAt, Instant.now(), postgresPort);
        try {
            system.tap = EventTap.start(local.kafkaBootstrapServers(), local.kafkaClientConfig("rollwatch-local"));
            system.demo = DemoScenario.start(
                    local.cluster().client(), system.api(), ports.any(), ports.any(), requestsPerSecond, systemLog);
            return system;
        } catch (RuntimeException | IOException e) {
            system.close();
            throw e;
        }
    }

    /** The benchmark drives the simulated cluster and the local receiver; never a real cluster or Slack. */
    private static void refuseRealTargets() {
        if (System.getenv("KUBECONFIG") != null) {
            throw new IllegalStateException("KUBECONFIG is set: the benchmark creates a thousand Deployments and "
                    + "must run against the simulated Kubernetes API. Unset KUBECONFIG to run it.");
        }
        if (System.getenv("ROLLWATCH_NOTIFIER_SLACK_BOT_TOKEN") != null) {
            throw new IllegalStateException("ROLLWATCH_NOTIFIER_SLACK_BOT_TOKEN is set: the benchmark would post "
                    + "to real Slack. Unset it to run the benchmark.");
        }
    }

    public ReleaseApiClient api() {
        return api;
    }

    public LocalSystem local() {
        return local;
    }

    public SimulatedCluster cluster() {
        return local.cluster();
    }

    public DemoScenario demo() {
        return demo;
    }

    public EventTap events() {
        return tap;
    }

    /** CPU time of the system's processes, for reading figures against who used the two cores. */
    public ProcessCpu cpu() {
        return cpu;
    }

    public ReadinessClock readiness() {
        return readiness;
    }

    /** When the harness began starting the local system, and when the last service was ready. */
    public Instant startedAt() {
        return startedAt;
    }

    public Instant readyAt() {
        return readyAt;
    }

    /** Stops everything it started; once, however often it is called (the harness's exit hook calls it too). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        readiness.close();
        if (demo != null) {
            demo.close();
        }
        if (tap != null) {
            tap.close();
        }
        local.close();
    }
}
