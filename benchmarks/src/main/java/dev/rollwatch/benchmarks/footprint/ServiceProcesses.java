package dev.rollwatch.benchmarks.footprint;

import java.util.Arrays;
import java.util.Optional;

/** Finds the process of a service the local system started (a child of this JVM) by its jar. */
public final class ServiceProcesses {

    private ServiceProcesses() {}

    public static Optional<ProcessHandle> find(String service) {
        String jar = "/" + service + "/target/quarkus-app/quarkus-run.jar";
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info()
                        .arguments()
                        .map(args -> Arrays.stream(args).anyMatch(a -> a.endsWith(jar)))
                        .orElse(false))
                .findFirst();
    }
}
