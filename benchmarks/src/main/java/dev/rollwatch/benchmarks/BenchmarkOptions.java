package dev.rollwatch.benchmarks;

import dev.rollwatch.benchmarks.judgement.Scenario;
import dev.rollwatch.benchmarks.judgement.Scenarios;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to measure and how much. Defaults give a full run in about twenty-five minutes on two cores.
 *
 * @param suites          which parts to run
 * @param scrapeRuns      counted time-to-rollback runs with the scrape metric source
 * @param prometheusRuns  counted time-to-rollback runs with Prometheus as the metric source
 * @param warmupRuns      uncounted runs before each variant (first-use class loading, JIT)
 * @param releases        concurrent releases in the throughput test
 * @param concurrency     HTTP clients submitting them at once
 * @param sample          how long the health monitor's evaluation rate is sampled
 * @param requestsPerSecond demo traffic (split between stable and canary like the Service would)
 * @param judgementRuns   runs of each judgement scenario of weight 1 (see {@code Scenario#runsWeight})
 * @param judgementSeed   master seed of the judgement part's synthetic series
 * @param judgementScenarios ids of the judgement scenarios to run ("1", "7a"...), in the benchmark's
 *                        order; empty for all of them
 * @param prometheus      the Prometheus binary for the Prometheus variant
 * @param outputDirectory where the result files go
 */
public record BenchmarkOptions(
        Set<Suite> suites,
        int scrapeRuns,
        int prometheusRuns,
        int warmupRuns,
        int releases,
        int concurrency,
        Duration sample,
        int requestsPerSecond,
        int judgementRuns,
        long judgementSeed,
        List<String> judgementScenarios,
        Path prometheus,
        Path outputDirectory) {

    public BenchmarkOptions {
        judgementScenarios = List.copyOf(judgementScenarios);
    }

    /** The parts of the benchmark. */
    public enum Suite {
        ROLLBACK,
        THROUGHPUT,
        FOOTPRINT,
        /** The judge on synthetic series, in this JVM: the only part that needs no local system. */
        JUDGEMENT
    }

    /**
     * Runs of a weight-1 judgement scenario: the fewest that can show a 1% rollback rate (no rollback
     * in 299 runs bounds it under 1% at 95%), and the whole part in about 5 minutes on two cores.
     */
    public static final int JUDGEMENT_RUNS = 300;

    private static final Set<String> FLAGS = Set.of(
            "--only",
            "--runs",
            "--prometheus-runs",
            "--warmup",
            "--releases",
            "--concurrency",
            "--sample",
            "--rps",
            "--judgement-runs",
            "--judgement-seed",
            "--judgement-scenarios",
            "--prometheus",
            "--out");

    static final String USAGE = """
            Usage: run.sh [options]
              --only rollback|throughput|footprint|judgement
                                    run only these parts (comma-separated; default: all); judgement
                                    alone starts no local system
              --runs N              time-to-rollback runs with the scrape source (default 10)
              --prometheus-runs N   time-to-rollback runs with Prometheus (default 5; 0 skips them)
              --warmup N            uncounted runs before each rollback variant (default 1)
              --releases N          concurrent releases for the throughput test (default 1000)
              --concurrency N       HTTP clients submitting them (default 32)
              --sample SECONDS      how long to sample the health monitor's evaluation rate (default 60)
              --rps N               demo traffic in requests per second (default 40)
              --judgement-runs N    runs per judgement scenario of weight 1 (default %d; about 5 min)
              --judgement-seed N    master seed of the judgement part's synthetic series (default 1)
              --judgement-scenarios IDS
                                    run only these judgement scenarios (comma-separated ids, e.g.
                                    1,2,7a; default: all), to give a few of them many runs
              --prometheus PATH     Prometheus binary (default: $ROLLWATCH_PROMETHEUS, else /usr/bin/prometheus)
              --out DIR             where to write <timestamp>.json and .md (default benchmarks/results)
            """.formatted(JUDGEMENT_RUNS);

    public static BenchmarkOptions defaults(Path repository) {
        String prometheus = System.getenv("ROLLWATCH_PROMETHEUS");
        return new BenchmarkOptions(
                EnumSet.allOf(Suite.class),
                10,
                5,
                1,
                1000,
                32,
                Duration.ofSeconds(60),
                40,
                JUDGEMENT_RUNS,
                1,
                List.of(),
                Path.of(prometheus == null || prometheus.isBlank() ? "/usr/bin/prometheus" : prometheus),
                repository.resolve("benchmarks").resolve("results"));
    }

    /** Parses the command line over the defaults; a bad option fails with the usage text. */
    public static BenchmarkOptions parse(List<String> args, BenchmarkOptions defaults) {
        Set<Suite> suites = defaults.suites;
        int scrapeRuns = defaults.scrapeRuns;
        int prometheusRuns = defaults.prometheusRuns;
        int warmupRuns = defaults.warmupRuns;
        int releases = defaults.releases;
        int concurrency = defaults.concurrency;
        Duration sample = defaults.sample;
        int requestsPerSecond = defaults.requestsPerSecond;
        int judgementRuns = defaults.judgementRuns;
        long judgementSeed = defaults.judgementSeed;
        List<String> judgementScenarios = defaults.judgementScenarios;
        Path prometheus = defaults.prometheus;
        Path outputDirectory = defaults.outputDirectory;
        Iterator<String> it = args.iterator();
        while (it.hasNext()) {
            String flag = it.next();
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (!FLAGS.contains(flag)) {
                throw new IllegalArgumentException("Unknown option " + flag + "\n" + USAGE);
            }
            String value = valueOf(flag, it);
            switch (flag) {
                case "--only" -> suites = suites(value);
                case "--runs" -> scrapeRuns = count(flag, value, 1);
                case "--prometheus-runs" -> prometheusRuns = count(flag, value, 0);
                case "--warmup" -> warmupRuns = count(flag, value, 0);
                case "--releases" -> releases = count(flag, value, 1);
                case "--concurrency" -> concurrency = count(flag, value, 1);
                case "--sample" -> sample = Duration.ofSeconds(count(flag, value, 10));
                case "--rps" -> requestsPerSecond = count(flag, value, 10);
                case "--judgement-runs" -> judgementRuns = count(flag, value, 1);
                case "--judgement-seed" -> judgementSeed = seed(flag, value);
                case "--judgement-scenarios" -> judgementScenarios = scenarios(flag, value);
                case "--prometheus" -> prometheus = Path.of(value);
                case "--out" -> outputDirectory = Path.of(value);
                default -> throw new IllegalStateException("a known flag without a case: " + flag);
            }
        }
        return new BenchmarkOptions(
                suites,
                scrapeRuns,
                prometheusRuns,
                warmupRuns,
                releases,
                concurrency,
                sample,
                requestsPerSecond,
                judgementRuns,
                judgementSeed,
                judgementScenarios,
                prometheus,
                outputDirectory);
    }

    public boolean runs(Suite suite) {
        return suites.contains(suite);
    }

    /** Whether any part needs the local system (broker, database, services). */
    public boolean needsSystem() {
        return runs(Suite.ROLLBACK) || runs(Suite.THROUGHPUT) || runs(Suite.FOOTPRINT);
    }

    private static String valueOf(String flag, Iterator<String> it) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return it.next();
    }

    private static int count(String flag, String value, int minimum) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < minimum) {
                throw new IllegalArgumentException(flag + " must be at least " + minimum + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, not '" + value + "'");
        }
    }

    private static long seed(String flag, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, not '" + value + "'");
        }
    }

    /** Scenario ids, each known, in the benchmark's order. */
    private static List<String> scenarios(String flag, String value) {
        List<String> known = Scenarios.all().stream().map(Scenario::id).toList();
        Set<String> asked = new LinkedHashSet<>();
        for (String id : value.split(",")) {
            if (!known.contains(id.trim())) {
                throw new IllegalArgumentException(
                        flag + " takes scenario ids (" + String.join(", ", known) + "), not '" + id.trim() + "'");
            }
            asked.add(id.trim());
        }
        return known.stream().filter(asked::contains).toList();
    }

    private static Set<Suite> suites(String value) {
        Set<Suite> suites = EnumSet.noneOf(Suite.class);
        for (String name : value.split(",")) {
            try {
                suites.add(Suite.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--only takes rollback, throughput, footprint or judgement, not '" + name + "'");
            }
        }
        return suites;
    }
}
