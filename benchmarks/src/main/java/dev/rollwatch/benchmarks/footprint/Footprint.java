package dev.rollwatch.benchmarks.footprint;

import dev.rollwatch.benchmarks.system.BenchmarkSystem;
import dev.rollwatch.local.LocalSystem;
import dev.rollwatch.local.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples each service's resident memory at named moments and works out its start time. */
public final class Footprint {

    public static final String AFTER_START = "afterStart";
    public static final String AFTER_WARMUP = "afterWarmup";
    public static final String AFTER_LOAD = "afterLoad";
    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9]+\\.[0-9]+)s");

    private final BenchmarkSystem system;
    private final Map<String, Map<String, Long>> resident = new LinkedHashMap<>();
    private final Map<String, Long> peak = new LinkedHashMap<>();
    private final List<String> moments = new ArrayList<>();
    private final Map<String, Double> startToReady = new LinkedHashMap<>();
    private final Map<String, Double> quarkusStarted = new LinkedHashMap<>();

    /** Call right after the system started: start times are read from the processes as they are now. */
    public Footprint(BenchmarkSystem system) {
        this.system = system;
        for (String service : LocalSystem.SERVICES) {
            resident.put(service, new LinkedHashMap<>());
            startToReady.put(service, startToReady(service));
            quarkusStarted.put(service, quarkusStarted(service));
        }
    }

    /** Reads every service's VmRSS now, under {@code moment}. */
    public void sample(String moment, String meaning) {
        moments.add(moment + ": " + meaning);
        for (String service : LocalSystem.SERVICES) {
            ServiceProcesses.find(service).ifPresent(p -> {
                ProcStatus.residentKiB(p.pid())
                        .ifPresent(kib -> resident.get(service).put(moment, kib));
                ProcStatus.peakResidentKiB(p.pid()).ifPresent(kib -> peak.put(service, kib));
            });
        }
    }

    public FootprintResults results() {
        List<ServiceFootprint> services = new ArrayList<>();
        for (String service : LocalSystem.SERVICES) {
            services.add(new ServiceFootprint(
                    service,
                    startToReady.get(service),
                    quarkusStarted.get(service),
                    resident.get(service),
                    peak.get(service)));
        }
        return new FootprintResults(
                String.join(" ", ServiceProcess.defaultJvmOptions())
                        + " and its ahead-of-time cache when the build has one (as the local system starts each"
                        + " service)",
                List.copyOf(moments),
                services);
    }

    private Double startToReady(String service) {
        Instant ready = system.readiness().firstReady(service);
        Instant started = ServiceProcesses.find(service)
                .flatMap(p -> p.info().startInstant())
                .orElse(null);
        return ready == null || started == null
                ? null
                : Duration.between(started, ready).toNanos() / 1e6;
    }

    private Double quarkusStarted(String service) {
        Path log = system.local().logs().resolve(service + ".log");
        try {
            Matcher m = STARTED_IN.matcher(Files.readString(log));
            return m.find() ? Double.parseDouble(m.group(1)) * 1000 : null;
        } catch (IOException e) {
            return null;
        }
    }
}
