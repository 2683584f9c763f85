package dev.rollwatch.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The machine the figures were taken on. Load averages are read at each phase, because other work
 * on the machine (a build, another test run) changes every figure here.
 *
 * @param cores        processors available to the JVM
 * @param cpu          CPU model
 * @param memoryMiB    total memory
 * @param os           operating system
 * @param java         Java runtime running the harness and the services
 */
public record Machine(int cores, String cpu, long memoryMiB, String os, String java) {

    public static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                readMemoryMiB(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
    }

    /** The 1-minute load average now (/proc/loadavg), or null where there is none. */
    public static Double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long readMemoryMiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .findFirst()
                    .map(l -> Long.parseLong(Arrays.stream(l.split("\\s+"))
                                    .skip(1)
                                    .findFirst()
                                    .orElse("0"))
                            / 1024)
                    .orElse(0L);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
