package dev.rollwatch.benchmarks.footprint;

import dev.rollwatch.local.LocalSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of every process of the system under test, so a figure taken on a shared two-core machine
 * can be read together with who was using the cores: each service, the broker, the database (server
 * and its backends), and this harness (which also hosts the simulated Kubernetes API and the demo
 * application with its load).
 */
public final class ProcessCpu {

    /** CPU time used so far, by process group, at an instant. */
    public record Snapshot(Instant at, Map<String, Duration> used) {}

    private final int postgresPort;

    public ProcessCpu(int postgresPort) {
        this.postgresPort = postgresPort;
    }

    public Snapshot take() {
        Map<String, Duration> used = new LinkedHashMap<>();
        for (String service : LocalSystem.SERVICES) {
            used.put(service, total(ServiceProcesses.find(service).stream()));
        }
        used.put("kafka", total(ProcessHandle.current().descendants().filter(p -> hasArgument(p, "kafka.Kafka"))));
        used.put(
                "postgresql",
                total(ProcessHandle.allProcesses()
                        .filter(p -> hasArgument(p, Integer.toString(postgresPort))
                                && p.info()
                                        .command()
                                        .map(c -> c.endsWith("/postgres"))
                                        .orElse(false))
                        .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))));
        used.put("harness (simulated Kubernetes API, demo app and load)", total(Stream.of(ProcessHandle.current())));
        return new Snapshot(Instant.now(), used);
    }

    /** Average cores each group used between two snapshots (1.0 = one core busy all the time). */
    public static Map<String, Double> cores(Snapshot from, Snapshot to) {
        double seconds = Duration.between(from.at(), to.at()).toNanos() / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        to.used().forEach((group, total) -> {
            Duration before = from.used().getOrDefault(group, Duration.ZERO);
            double used = Math.max(0, total.minus(before).toNanos() / 1e9);
            cores.put(group, Math.round(used / seconds * 100) / 100.0);
        });
        return cores;
    }

    private static Duration total(Stream<ProcessHandle> processes) {
        List<Duration> times = processes
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .toList();
        return times.stream().reduce(Duration.ZERO, Duration::plus);
    }

    private static boolean hasArgument(ProcessHandle p, String argument) {
        return p.info()
                .arguments()
                .map(args -> Arrays.asList(args).contains(argument))
                .orElse(false);
    }
}
