package dev.rollwatch.benchmarks.judgement;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The judgement part: every scenario run many times, each run seeded from the master seed, the
 * scenario and the run's number, so a figure can be reproduced alone and does not depend on which
 * thread ran what. Needs no local system: the judge runs in this JVM. Runs are independent, so they
 * are spread over every core (a parallel stream).
 */
public final class JudgementBenchmark {

    static final String SETUP = "Canary at 10% of 500 requests/s (50/s over 2 pods, Poisson arrivals) beside the "
            + "stable version (450/s, one endpoint); both at 0.5% errors and a lognormal latency with p95 200 ms "
            + "unless the scenario says otherwise. Each pod exposes cumulative counters and a latency histogram with the "
            + "default buckets (5 ms to 10 s, +Inf); every endpoint is scraped each second and read through the "
            + "scrape source's own classes (EndpointSeries, TrafficDelta: windows, increments, counter resets). "
            + "SLO: error rate 2%, p95 500 ms, 50 requests per 10 s window, evaluated every 1 s, 1 DEGRADED "
            + "evaluation makes a breach (= a rollback), minimum increases 1 point and 50 ms; warnings after 2 min "
            + "UNKNOWN (with a hold) or 10 min INSUFFICIENT_DATA. The judge sees the canary's pods (readiness, "
            + "restarts, CrashLoopBackOff) as it does by default, 3 pod failures in 2 min condemning it, except in "
            + "the scenarios marked metrics only. A run lasts 10 simulated minutes or until its rollback";

    static final List<String> NOTES = List.of(
            "Pod health is simulated, not read from a cluster: a restart (scenarios 9, 9p) is instantaneous (the pod "
                    + "stays ready, only its counters start again from 0 and its restart count grows); a crashed pod "
                    + "is not ready, in CrashLoopBackOff and restarted at the kubelet's back-off (10 s doubling). The "
                    + "metrics-only scenarios (9, 10a, 10b) show what the judge concludes from the metrics alone, as "
                    + "with pod health disabled or the Kubernetes API unreachable.",
            "Errors and latency are independent per request.",
            "The health monitor's scrape plumbing around EndpointSeries (storing scrapes in PostgreSQL, summing "
                    + "endpoints) is mirrored by the harness, not run: it is bound to Quarkus and the database.");

    private final int baseRuns;
    private final long seed;
    private final PrintStream out;

    public JudgementBenchmark(int baseRuns, long seed, PrintStream out) {
        this.baseRuns = baseRuns;
        this.seed = seed;
        this.out = out;
    }

    public JudgementResults run() {
        return run(Scenarios.all());
    }

    /** Only the scenarios of these ids (all of them when none is given), in the benchmark's order. */
    public JudgementResults run(Collection<String> ids) {
        return run(Scenarios.all().stream()
                .filter(s -> ids.isEmpty() || ids.contains(s.id()))
                .toList());
    }

    JudgementResults run(List<Scenario> scenarios) {
        int threads = Runtime.getRuntime().availableProcessors();
        out.printf(
                Locale.ROOT,
                "%n  Judgement: %d scenarios, %d base runs (seed %d), %d threads%n",
                scenarios.size(),
                baseRuns,
                seed,
                threads);
        long started = System.nanoTime();
        long evaluations = 0;
        long judgeNanos = 0;
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            long scenarioStarted = System.nanoTime();
            List<RunOutcome> outcomes = IntStream.range(0, scenario.runs(baseRuns))
                    .parallel()
                    .mapToObj(run -> SimulatedRun.run(scenario, seed(seed, scenario.id(), run)))
                    .toList();
            ScenarioResult result = ScenarioResult.of(scenario, outcomes);
            results.add(result);
            evaluations += result.evaluations();
            judgeNanos += outcomes.stream().mapToLong(RunOutcome::judgeNanos).sum();
            out.printf(
                    Locale.ROOT,
                    "  %-4s %-44s %5d runs, %4d rolled back, %5.1f s: %s%n",
                    scenario.id(),
                    scenario.name(),
                    result.runs(),
                    result.rollbacks(),
                    (System.nanoTime() - scenarioStarted) / 1e9,
                    result.status().text());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new JudgementResults(
                SETUP,
                seed,
                baseRuns,
                threads,
                round(seconds),
                evaluations,
                round(evaluations == 0 ? 0 : judgeNanos / 1e3 / evaluations),
                round(evaluations / seconds),
                results,
                NOTES);
    }

    /** A run's seed: the master seed, the scenario and the run number, mixed (SplitMix64's finaliser). */
    static long seed(long master, String scenario, int run) {
        long z = master * 0x9E3779B97F4A7C15L + scenario.hashCode() * 0xBF58476D1CE4E5B9L + run;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
