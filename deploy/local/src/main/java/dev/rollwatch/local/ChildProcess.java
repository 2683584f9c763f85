package dev.rollwatch.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A process the local system started, its output in a log file, stopped with everything else. */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> command;
    private final Map<String, String> environment;

    private ChildProcess(
            String name, Process process, Path log, List<String> command, Map<String, String> environment) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.command = command;
        this.environment = environment;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder.start(), log, List.copyOf(command), Map.copyOf(environment));
    }

    /** The same command started again (after this one stopped), logging to the same file. */
    ChildProcess startAgain() throws IOException {
        return start(name, command, environment, log);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void requestStop() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hooks, no clean close; what a crash looks like to the others. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the process to stop (SIGTERM: Quarkus and Kafka shut down cleanly), then kills it after 20 s. */
    @Override
    public void close() {
        close(Duration.ofSeconds(20));
    }

    /**
     * Asks the process to stop and gives it {@code grace} to exit before killing it.
     *
     * @return whether it exited on its own (or had already)
     */
    boolean close(Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
