package dev.rollwatch.benchmarks.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Memory figures of a Linux process from {@code /proc/<pid>/status}. */
public final class ProcStatus {

    private ProcStatus() {}

    /** Resident set size now, in KiB. */
    public static OptionalLong residentKiB(long pid) {
        return field(read(pid), "VmRSS");
    }

    /** Highest resident set size so far ("high water mark"), in KiB. */
    public static OptionalLong peakResidentKiB(long pid) {
        return field(read(pid), "VmHWM");
    }

    /** The value in kB of a {@code Name:   1234 kB} line, or empty if absent. */
    static OptionalLong field(String status, String name) {
        if (status == null) {
            return OptionalLong.empty();
        }
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String[] parts = line.substring(name.length() + 1).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(parts[0]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    private static String read(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        } catch (IOException e) {
            return null; // gone, or not Linux
        }
    }
}
