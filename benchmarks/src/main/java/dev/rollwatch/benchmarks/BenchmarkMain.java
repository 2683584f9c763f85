package dev.rollwatch.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollwatch.benchmarks.BenchmarkOptions.Suite;
import dev.rollwatch.benchmarks.footprint.Footprint;
import dev.rollwatch.benchmarks.footprint.FootprintResults;
import dev.rollwatch.benchmarks.judgement.JudgementBenchmark;
import dev.rollwatch.benchmarks.judgement.JudgementResults;
import dev.rollwatch.benchmarks.report.BenchmarkReport;
import dev.rollwatch.benchmarks.report.Machine;
import dev.rollwatch.benchmarks.report.MarkdownReport;
import dev.rollwatch.benchmarks.report.ReportWriter;
import dev.rollwatch.benchmarks.rollback.RollbackBenchmark;
import dev.rollwatch.benchmarks.rollback.RollbackResults;
import dev.rollwatch.benchmarks.system.BenchmarkSystem;
import dev.rollwatch.benchmarks.throughput.ThroughputBenchmark;
import dev.rollwatch.benchmarks.throughput.ThroughputResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark harness: starts its own local system on free ports, measures, prints the figures and
 * writes them to {@code benchmarks/results/<timestamp>.json} and {@code .md}. Not a test: run it with
 * {@code benchmarks/run.sh}, which builds what is missing and holds the machine's system lock. The
 * judgement part needs no system; asked for alone, none is started.
 */
public final class BenchmarkMain {

    /** Held so the logging configuration is not garbage-collected. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final BenchmarkOptions options;
    private final Path repository;
    private final Path jar;
    private final PrintStream out = System.out;
    private final Map<String, Double> loadAverage = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private BenchmarkMain(BenchmarkOptions options, Path repository, Path jar) {
        this.options = options;
        this.repository = repository;
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        Path jar = Path.of(BenchmarkMain.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        // benchmarks/target/rollwatch-benchmarks.jar lives two levels below the repository root.
        Path repository = jar.getParent().getParent().getParent();
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(List.of(args), BenchmarkOptions.defaults(repository));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path written = new BenchmarkMain(options, repository, jar).run();
        System.exit(written == null ? 1 : 0);
    }

    private Path run() throws IOException {
        Instant startedAt = Instant.now();
        Machine machine = Machine.current();
        out.printf(
                Locale.ROOT,
                "Rollwatch benchmark on %d cores (%s), %d MiB%n",
                machine.cores(),
                machine.cpu(),
                machine.memoryMiB());
        loadAverage.put("start", Machine.loadAverage());
        SystemResults measured = options.needsSystem() ? onLocalSystem() : SystemResults.NONE;
        JudgementResults judgement = null;
        if (options.runs(Suite.JUDGEMENT)) {
            // After the system stopped: this part keeps every core busy, and would skew the system's figures.
            judgement = attempt(
                    "judgement",
                    () -> new JudgementBenchmark(options.judgementRuns(), options.judgementSeed(), out)
                            .run(options.judgementScenarios()));
            loadAverage.put("afterJudgement", Machine.loadAverage());
        }
        BenchmarkReport report = new BenchmarkReport(
                BenchmarkReport.FORMAT,
                startedAt,
                Instant.now(),
                machine,
                loadAverage,
                settings(),
                measured.rollback(),
                measured.throughput(),
                measured.footprint(),
                judgement,
                notes);
        Path json = ReportWriter.write(report, options.outputDirectory());
        out.println();
        out.println(MarkdownReport.render(report));
        out.println("Results: " + json + " and " + json.getFileName().toString().replace(".json", ".md"));
        return measured.isEmpty() && judgement == null ? null : json;
    }

    /** What the parts that need the local system measured; null where a part did not run or failed. */
    private record SystemResults(RollbackResults rollback, ThroughputResults throughput, FootprintResults footprint) {

        static final SystemResults NONE = new SystemResults(null, null, null);

        boolean isEmpty() {
            return rollback == null && throughput == null && footprint == null;
        }
    }

    private SystemResults onLocalSystem() {
        Path target = jar.getParent();
        Path systemLog = target.resolve("benchmark-system.log");
        RollbackResults rollback = null;
        ThroughputResults throughput = null;
        FootprintResults footprint = null;
        out.println("Starting the local system on free ports (progress in " + systemLog + ")");
        try (PrintStream log = new PrintStream(Files.newOutputStream(systemLog), true);
                BenchmarkSystem system = BenchmarkSystem.start(
                        repository, jar, log, target.resolve("benchmark-logs"), options.requestsPerSecond())) {
            // Ctrl-C or a kill must not leave Kafka, PostgreSQL and five services running behind it.
            Runtime.getRuntime().addShutdownHook(new Thread(system::close, "benchmark-system-stop"));
            out.printf(
                    Locale.ROOT,
                    "  system ready after %.1f s; release API %s%n",
                    Duration.between(system.startedAt(), system.readyAt()).toMillis() / 1000.0,
                    system.local().apiUrl());
            loadAverage.put("systemReady", Machine.loadAverage());
            Footprint memory = new Footprint(system);
            memory.sample(Footprint.AFTER_START, "every service ready, nothing released yet");
            if (options.runs(Suite.ROLLBACK)) {
                rollback = attempt("time to rollback", () -> new RollbackBenchmark(system, options, out).run());
                loadAverage.put("afterRollback", Machine.loadAverage());
                memory.sample(
                        Footprint.AFTER_WARMUP,
                        "after the time-to-rollback runs (every run a canary release " + "rolled back)");
            } else {
                attempt("warm-up release", () -> warmUp(system));
                memory.sample(Footprint.AFTER_WARMUP, "after one healthy canary release went to 100%");
            }
            if (options.runs(Suite.THROUGHPUT)) {
                throughput = attempt("throughput", () -> new ThroughputBenchmark(system, options, out).run());
                loadAverage.put("afterThroughput", Machine.loadAverage());
                memory.sample(
                        Footprint.AFTER_LOAD,
                        "right after the throughput test, its " + options.releases()
                                + " releases still in flight and watched");
            }
            if (options.runs(Suite.FOOTPRINT)) {
                footprint = memory.results();
            }
            long unreadable = system.events().unreadable();
            if (unreadable > 0) {
                notes.add(unreadable + " records on the topics could not be decoded by the harness");
            }
            out.println("\nStopping the local system...");
        } catch (RuntimeException | IOException | java.sql.SQLException e) {
            notes.add("the local system failed: " + e.getMessage());
            out.println("The local system failed: " + e.getMessage());
        }
        return new SystemResults(rollback, throughput, footprint);
    }

    private interface Part<T> {
        T run() throws Exception;
    }

    /** Runs one part; a failure is reported in the notes and the other parts still run. */
    private <T> T attempt(String name, Part<T> part) {
        try {
            return part.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + name, e);
        } catch (Exception e) {
            notes.add(name + " failed: " + e.getMessage());
            out.println("  " + name + " failed: " + e.getMessage());
            return null;
        }
    }

    /** Without the rollback runs, one ordinary release warms the services up before memory is read. */
    private JsonNode warmUp(BenchmarkSystem system) throws IOException, InterruptedException {
        out.println("\n  Warm-up: one healthy canary release to 100%");
        String id = system.api().request(system.demo().canaryRelease("demo.local/shop:1.1-warmup", "2s"));
        return system.api().awaitOutcome(id, Duration.ofMinutes(3));
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(
                "suites",
                options.suites().stream()
                        .map(s -> s.name().toLowerCase(Locale.ROOT))
                        .toList());
        settings.put("scrapeRuns", options.scrapeRuns());
        settings.put("prometheusRuns", options.prometheusRuns());
        settings.put("warmupRuns", options.warmupRuns());
        settings.put("releases", options.releases());
        settings.put("concurrency", options.concurrency());
        settings.put("sampleSeconds", options.sample().toSeconds());
        settings.put("requestsPerSecond", options.requestsPerSecond());
        settings.put("judgementRuns", options.judgementRuns());
        settings.put("judgementSeed", options.judgementSeed());
        if (!options.judgementScenarios().isEmpty()) {
            settings.put("judgementScenarios", options.judgementScenarios());
        }
        return settings;
    }
}
