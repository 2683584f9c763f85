package dev.rollwatch.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A service's ahead-of-time cache (Java 25's AOT cache, JEPs 483 and 514): the classes an earlier run of the
 * same build loaded and linked, with its method profiles, mapped at start instead of being found, parsed,
 * verified and linked again. Most of a service's start is that work: on two busy cores a service took 8 to
 * 17 s to start, most of it loading classes.
 *
 * <p>The services are packaged as Quarkus' {@code aot-jar}, whose classes the JVM's own class loader loads (a
 * cache holds no class of a custom loader). The first start of a build trains the cache: that run records
 * what it loads ({@code -XX:AOTCacheOutput}), and when it exits normally the JVM writes the cache, which this
 * class then puts in place for every later start ({@code -XX:AOTCache}). A killed run writes nothing. A cache
 * older than the service's jar is not used (a rebuild trains a new one); a cache the JVM finds unusable, it
 * ignores with a warning in the service's log. Before Java 25, or with {@value #SWITCH}{@code =false}, no
 * option is added.
 */
final class AotCache {

    /** System property turning the cache off ({@code false}); on by default from Java 25. */
    static final String SWITCH = "rollwatch.local.aot-cache";

    private static final String FILE = "rollwatch.aot";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration TRAINING_STOP_GRACE = Duration.ofMinutes(2);

    private final Path cache;
    private final Path training;

    private AotCache(Path cache, Path training) {
        this.cache = cache;
        this.training = training;
    }

    /** For a start of the service packaged in {@code appDirectory} ({@code target/quarkus-app}). */
    static AotCache of(Path appDirectory) {
        if (Runtime.version().feature() < 25 || "false".equalsIgnoreCase(System.getProperty(SWITCH))) {
            return new AotCache(null, null);
        }
        Path cache = appDirectory.resolve(FILE);
        if (fresh(cache, appDirectory.resolve("quarkus-run.jar"))) {
            return new AotCache(cache, null);
        }
        // A name of its own: two systems starting the same build at once must not write one file together.
        return new AotCache(cache, appDirectory.resolve(FILE + "." + UUID.randomUUID() + ".training"));
    }

    /** The JVM options for this start: use the cache, train one, or none. */
    List<String> jvmOptions() {
        if (cache == null) {
            return List.of();
        }
        return training == null ? List.of("-XX:AOTCache=" + cache) : List.of("-XX:AOTCacheOutput=" + training);
    }

    /**
     * How long a stopping service may take before it is killed: a training run writes its cache as it exits
     * (the JVM assembles it in a process of its own, tens of seconds with five services on two cores).
     */
    Duration stopGrace() {
        return training == null ? STOP_GRACE : TRAINING_STOP_GRACE;
    }

    /** After the process exited on its own: the cache a training run wrote becomes the one later starts use. */
    void afterExit() {
        if (training == null) {
            return;
        }
        try {
            if (Files.isRegularFile(training) && Files.size(training) > 0) {
                Files.move(training, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // No cache this time: the next start trains again.
        }
        discard();
    }

    /** After the process was killed: what its training left (a recording, a cache half written) is removed. */
    void discard() {
        if (training == null) {
            return;
        }
        try {
            Files.deleteIfExists(training);
            // The JVM's recording, which it turns into the cache as it exits.
            Files.deleteIfExists(training.resolveSibling(training.getFileName() + ".config"));
        } catch (IOException e) {
            // Left behind: a name nobody uses again, removed with target/.
        }
    }

    private static boolean fresh(Path cache, Path jar) {
        try {
            if (!Files.isRegularFile(cache) || !Files.isRegularFile(jar)) {
                return false;
            }
            FileTime built = Files.getLastModifiedTime(jar);
            return Files.getLastModifiedTime(cache).compareTo(built) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
