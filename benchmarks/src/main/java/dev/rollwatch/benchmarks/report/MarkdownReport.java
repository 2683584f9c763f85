package dev.rollwatch.benchmarks.report;

import dev.rollwatch.benchmarks.footprint.Footprint;
import dev.rollwatch.benchmarks.footprint.FootprintResults;
import dev.rollwatch.benchmarks.footprint.ServiceFootprint;
import dev.rollwatch.benchmarks.judgement.JudgementMarkdown;
import dev.rollwatch.benchmarks.rollback.RollbackResults;
import dev.rollwatch.benchmarks.rollback.RollbackRun;
import dev.rollwatch.benchmarks.rollback.RollbackVariant;
import dev.rollwatch.benchmarks.stats.Summary;
import dev.rollwatch.benchmarks.throughput.HealthCapacity;
import dev.rollwatch.benchmarks.throughput.Hop;
import dev.rollwatch.benchmarks.throughput.ThroughputResults;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The human-readable summary of a {@link BenchmarkReport}: {@code results/<timestamp>.md}. */
public final class MarkdownReport {

    private MarkdownReport() {}

    public static String render(BenchmarkReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Rollwatch benchmark, ").append(report.startedAt()).append("\n\n");
        Machine m = report.machine();
        md.append(String.format(
                Locale.ROOT,
                "Machine: %d cores (%s), %d MiB, %s, %s. ",
                m.cores(),
                m.cpu(),
                m.memoryMiB(),
                m.os(),
                m.java()));
        md.append(
                systemRan(report)
                        ? "Everything ran on it at once: Kafka, PostgreSQL, the five services, the "
                                + "SIMULATED Kubernetes API, the demo application with its traffic, Prometheus (its variant only) and "
                                + "this harness.\n\n"
                        : "No local system was started: the judgement part runs the judge in the " + "harness.\n\n");
        if (report.loadAverage() != null && !report.loadAverage().isEmpty()) {
            md.append("1-minute load average: ")
                    .append(report.loadAverage().entrySet().stream()
                            .map(e -> e.getKey() + " "
                                    + (e.getValue() == null ? "?" : String.format(Locale.ROOT, "%.2f", e.getValue())))
                            .collect(Collectors.joining(", ")))
                    .append(".\n\n");
        }
        if (report.rollback() != null) {
            rollback(md, report.rollback());
        }
        if (report.throughput() != null) {
            throughput(md, report.throughput());
        }
        if (report.footprint() != null) {
            footprint(md, report.footprint());
        }
        if (report.judgement() != null) {
            md.append(JudgementMarkdown.render(report.judgement()));
        }
        if (report.notes() != null && !report.notes().isEmpty()) {
            md.append("## Notes\n\n");
            report.notes().forEach(n -> md.append("- ").append(n).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }

    /** Whether any part that needs the local system was asked for (the options record the suites). */
    private static boolean systemRan(BenchmarkReport report) {
        Object suites = report.options() == null ? null : report.options().get("suites");
        return !(suites instanceof java.util.Collection<?> names)
                || names.stream().anyMatch(n -> !"judgement".equals(n));
    }

    private static void rollback(StringBuilder md, RollbackResults r) {
        md.append("## Time to rollback\n\n");
        md.append("From the instant a healthy canary starts failing to the instant the Kubernetes API shows it at 0% "
                + "of the traffic. First DEGRADED window: fault to the health monitor's first bad verdict (the faulty "
                + "answers, errors at once and slow ones when they complete, must outweigh a window of healthy ones); detection: fault to "
                + "`health.degraded` (a breach is 3 bad windows in a row); decision: `health.degraded` to "
                + "`rollback.triggered`; action: `rollback.triggered` to 0% on the API (event times are the "
                + "CloudEvents `ce_time` on Kafka).\n\n");
        md.append("| metric source | runs | median | p95 | min | max | first DEGRADED window (median) "
                + "| detection (median) | decision (median) | action (median) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (RollbackVariant v : r.variants()) {
            if (v.notMeasured() != null) {
                md.append("| ")
                        .append(v.source())
                        .append(" | not measured: ")
                        .append(v.notMeasured())
                        .append(" | | | | | | | | |\n");
                continue;
            }
            Summary t = v.timeToRollback();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s (1 s interval) | %d%s | %s | %s | %s | %s | %s | %s | %s " + "| %s |%n",
                    v.source(),
                    v.runsCounted(),
                    v.runsFailed() > 0 ? " (+" + v.runsFailed() + " failed)" : "",
                    duration(t.median()),
                    duration(t.p95()),
                    duration(t.min()),
                    duration(t.max()),
                    duration(v.firstDegraded().median()),
                    duration(v.detection().median()),
                    duration(v.decision().median()),
                    duration(v.action().median())));
        }
        md.append('\n');
        if (r.goalMet() != null) {
            md.append(String.format(
                    Locale.ROOT,
                    "Goal, median under %s with the scrape source: **%s**.%n%n",
                    duration(r.goalMedianMs()),
                    r.goalMet() ? "met" : "not met"));
        }
        md.append("For comparison, other tools as documented (their documented settings, NOT measured here):\n\n")
                .append("| tool | basis | time to rollback |\n|---|---|---|\n");
        r.comparisons()
                .forEach(c -> md.append(String.format(
                        Locale.ROOT, "| %s | %s | about %s |%n", c.tool(), c.basis(), minutes(c.seconds()))));
        md.append('\n');
        for (RollbackVariant v : r.variants()) {
            if (v.notMeasured() != null) {
                continue;
            }
            md.append("Setup (")
                    .append(v.source())
                    .append("): ")
                    .append(v.setup())
                    .append(".\n\n");
            md.append("Runs (")
                    .append(v.source())
                    .append("): ")
                    .append(v.runs().stream().map(MarkdownReport::run).collect(Collectors.joining("; ")))
                    .append(".\n\n");
            if (v.verification() != null && !v.verification().isEmpty()) {
                md.append(String.format(
                        Locale.ROOT,
                        "After 0%% traffic, the rollback-service verified the restore "
                                + "on the cluster a median %s later (p95 %s); not part of the time to rollback.%n%n",
                        duration(v.verification().median()),
                        duration(v.verification().p95())));
            }
            cpu(md, "CPU over the " + v.source() + " runs, in cores (of 2)", v.cpuCores());
        }
    }

    private static String run(RollbackRun run) {
        String label = run.warmup() ? "warm-up " + run.run() : "#" + run.run();
        return run.error() != null
                ? label + " not measured (" + run.error() + ")"
                : label + " " + duration(run.timeToRollbackMs());
    }

    private static void throughput(StringBuilder md, ThroughputResults t) {
        md.append("## Throughput\n\n").append(t.setup()).append(".\n\n");
        md.append(String.format(
                Locale.ROOT,
                "- %d of %d releases accepted in %.1f s (%.0f per second)%s.%n",
                t.accepted(),
                t.requested(),
                t.submitSeconds(),
                t.acceptedPerSecond(),
                t.refused().isEmpty() ? "" : "; refused by HTTP status: " + t.refused()));
        md.append("- First step of each accepted release, by outcome: ")
                .append(t.firstStepOutcomes())
                .append(
                        t.allFirstStepsSeconds() == null
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        "; the last one %.1f s after the first request",
                                        t.allFirstStepsSeconds()))
                .append(".\n");
        md.append(String.format(
                Locale.ROOT,
                "- (Setup, not measured as Rollwatch: creating the %d Deployments and "
                        + "waiting for the simulated cluster to report them ready took %.1f s.)%n%n",
                t.requested(),
                t.setupSeconds()));
        md.append("| path | owner | p50 | p99 | max | releases |\n|---|---|---|---|---|---|\n");
        Summary e2e = t.requestToFirstStep();
        md.append(String.format(
                Locale.ROOT,
                "| **request sent → first step.completed on Kafka** | the whole path | "
                        + "**%s** | **%s** | %s | %d |%n",
                duration(e2e.median()),
                duration(e2e.p99()),
                duration(e2e.max()),
                e2e.count()));
        for (Hop hop : t.hops()) {
            Summary s = hop.latency();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s → %s | %s | %s | %s | %s | %d |%n",
                    hop.from(),
                    hop.to(),
                    hop.owner(),
                    duration(s.median()),
                    duration(s.p99()),
                    duration(s.max()),
                    s.count()));
        }
        md.append('\n');
        cpu(md, "CPU from the first request to the last first step, in cores (of 2)", t.cpuCores());
        HealthCapacity h = t.health();
        if (h != null) {
            md.append(String.format(
                    Locale.ROOT,
                    "Health monitor (one instance): %d releases watched at a %.0f s "
                            + "interval need %.1f evaluations/s; over %.0f s it completed %.1f/s (%d evaluations, %d source "
                            + "errors, verdicts %s). ",
                    h.watchesActive(),
                    h.intervalSeconds(),
                    h.requiredPerSecond(),
                    h.sampleSeconds(),
                    h.achievedPerSecond(),
                    h.evaluations(),
                    h.sourceErrors(),
                    h.verdicts()));
            md.append(
                    h.keepsUp()
                            ? String.format(
                                    Locale.ROOT,
                                    "**It keeps up: one instance evaluates at least %d in-flight "
                                            + "releases at a 10 s interval** (a lower bound: it was not pushed further).%n%n",
                                    h.releasesAtInterval())
                            : String.format(
                                    Locale.ROOT,
                                    "**It falls behind: one instance evaluates about %d in-flight "
                                            + "releases at a 10 s interval.**%n%n",
                                    h.releasesAtInterval()));
            cpu(md, "CPU during that sample, in cores (of 2)", h.cpuCores());
        }
        if (t.notes() != null && !t.notes().isEmpty()) {
            t.notes().forEach(n -> md.append("- ").append(n).append('\n'));
            md.append('\n');
        }
    }

    private static void footprint(StringBuilder md, FootprintResults f) {
        md.append("## Start time and memory\n\nEach service runs as the local system starts it: ")
                .append(f.jvm())
                .append(". Start: process start to the first 200 on `/q/health/ready` (first start: empty "
                        + "database schema migrated, Kafka connected), polled every 25 ms. Memory: VmRSS from "
                        + "`/proc/<pid>/status`; peak is VmHWM at the last sample.\n\n");
        md.append("| service | start → ready | Quarkus \"started in\" | RSS after start | after warm-up | after load "
                + "| peak RSS |\n|---|---|---|---|---|---|---|\n");
        for (ServiceFootprint s : f.services()) {
            Map<String, Long> rss = s.residentKiB();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s |%n",
                    s.service(),
                    duration(s.startToReadyMs()),
                    duration(s.quarkusStartedMs()),
                    mib(rss.get(Footprint.AFTER_START)),
                    mib(rss.get(Footprint.AFTER_WARMUP)),
                    mib(rss.get(Footprint.AFTER_LOAD)),
                    mib(s.peakResidentKiB())));
        }
        md.append('\n');
        f.moments().forEach(moment -> md.append("- ").append(moment).append('\n'));
        md.append('\n');
    }

    private static void cpu(StringBuilder md, String title, Map<String, Double> cores) {
        if (cores == null || cores.isEmpty()) {
            return;
        }
        md.append(title)
                .append(": ")
                .append(cores.entrySet().stream()
                        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.2f", e.getValue()))
                        .collect(Collectors.joining(", ")))
                .append(".\n\n");
    }

    /** Milliseconds as "850 ms" below a second, else "1.23 s"; "–" when unknown. */
    static String duration(Double ms) {
        if (ms == null) {
            return "–";
        }
        return ms < 1000 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    static String mib(Long kib) {
        return kib == null ? "–" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }

    private static String minutes(double seconds) {
        return seconds >= 60
                ? String.format(Locale.ROOT, "%.0f min", seconds / 60)
                : String.format(Locale.ROOT, "%.0f s", seconds);
    }
}
