package dev.rollwatch.benchmarks.rollback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.benchmarks.BenchmarkOptions;
import dev.rollwatch.benchmarks.footprint.ProcessCpu;
import dev.rollwatch.benchmarks.system.BenchmarkSystem;
import dev.rollwatch.benchmarks.system.FreePorts;
import dev.rollwatch.local.demo.DemoScenario;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Time to rollback: repeated faulty-canary runs with the scrape metric source, then with a real
 * Prometheus, each at a 1 s evaluation interval; median and p95 against the goal.
 */
public final class RollbackBenchmark {

    static final double GOAL_MEDIAN_MS = 5_000;

    private final BenchmarkSystem system;
    private final BenchmarkOptions options;
    private final PrintStream out;
    private final FaultyCanaryRun runner;
    private int images;

    public RollbackBenchmark(BenchmarkSystem system, BenchmarkOptions options, PrintStream out) {
        this.system = system;
        this.options = options;
        this.out = out;
        this.runner = new FaultyCanaryRun(system);
    }

    public RollbackResults run() throws IOException, InterruptedException {
        List<RollbackVariant> variants = new ArrayList<>();
        RollbackVariant scrape = variant("scrape", options.scrapeRuns(), slo -> {});
        variants.add(scrape);
        if (options.prometheusRuns() == 0) {
            variants.add(RollbackVariant.notMeasured("prometheus", "skipped (--prometheus-runs 0)"));
        } else {
            variants.add(prometheusVariant());
        }
        Double median = scrape.timeToRollback().median();
        return new RollbackResults(
                GOAL_MEDIAN_MS, median == null ? null : median < GOAL_MEDIAN_MS, variants, RollbackResults.DOCUMENTED);
    }

    private RollbackVariant prometheusVariant() throws IOException, InterruptedException {
        URI stable = URI.create(system.demo().app().stableUrl());
        URI canary = URI.create(system.demo().app().canaryUrl());
        PrometheusServer prometheus;
        try {
            prometheus = PrometheusServer.start(
                    options.prometheus(),
                    new FreePorts().any(),
                    stable.getHost() + ":" + stable.getPort(),
                    canary.getHost() + ":" + canary.getPort(),
                    DemoScenario.NAMESPACE,
                    DemoScenario.APPLICATION);
        } catch (IllegalStateException e) {
            out.println("  Prometheus variant not measured: " + e.getMessage());
            return RollbackVariant.notMeasured("prometheus", e.getMessage());
        }
        try (prometheus) {
            out.println("  Prometheus " + prometheus.address() + " scrapes both tracks every 1 s");
            // The release names only the source and its address: the monitor's default PromQL applies.
            return variant(
                    "prometheus",
                    options.prometheusRuns(),
                    slo -> slo.putObject("metricSource")
                            .put("type", "prometheus")
                            .put("address", prometheus.address()));
        }
    }

    private RollbackVariant variant(String source, int counted, Consumer<ObjectNode> metricSource)
            throws IOException, InterruptedException {
        out.printf(
                "%n  Time to rollback, %s source: %d warm-up + %d counted runs%n",
                source, options.warmupRuns(), counted);
        List<RollbackRun> runs = new ArrayList<>();
        ProcessCpu.Snapshot cpuBefore = system.cpu().take();
        int total = options.warmupRuns() + counted;
        for (int i = 1; i <= total; i++) {
            boolean warmup = i <= options.warmupRuns();
            // A fresh tag per run: a rolled-back image is quarantined and could not be released again.
            String image = "demo.local/shop:1." + (++images) + "-bench-" + source;
            RollbackRun run = runner.run(warmup ? i : i - options.warmupRuns(), warmup, image, metricSource);
            runs.add(run);
            out.println("    " + line(run));
        }
        return RollbackVariant.of(
                source,
                setup(source),
                runs,
                ProcessCpu.cores(cpuBefore, system.cpu().take()));
    }

    private String setup(String source) {
        return String.format(
                Locale.ROOT,
                "canary at 10%% (1 of 10 replicas, replica-ratio routing) of %d req/s of "
                        + "real HTTP traffic; SLO: %s; metric source %s; fault: 20%% HTTP 500 and "
                        + "1.8-3.2 s answers from the fault instant on, after %d HEALTHY windows",
                options.requestsPerSecond(),
                DemoScenario.sloSummary(),
                source.equals("scrape")
                        ? "scrape of the tracks' /metrics every 1 s"
                        : "Prometheus 2.42 scraping every 1 s, built-in PromQL",
                FaultyCanaryRun.HEALTHY_WINDOWS);
    }

    private static String line(RollbackRun run) {
        String label = (run.warmup() ? "warm-up " : "run ") + run.run();
        if (run.error() != null) {
            return label + ": NOT MEASURED: " + run.error();
        }
        return String.format(
                Locale.ROOT,
                "%-10s time to rollback %6.2f s (detect %5.2f s, decide %5.2f s, act %5.2f s)" + " -> %s",
                label,
                run.timeToRollbackMs() / 1000,
                run.detectionMs() / 1000,
                run.decisionMs() / 1000,
                run.actionMs() / 1000,
                run.outcome());
    }
}
