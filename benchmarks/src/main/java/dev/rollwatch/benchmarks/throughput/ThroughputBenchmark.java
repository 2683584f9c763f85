package dev.rollwatch.benchmarks.throughput;

import dev.rollwatch.benchmarks.BenchmarkOptions;
import dev.rollwatch.benchmarks.footprint.ProcessCpu;
import dev.rollwatch.benchmarks.system.BenchmarkSystem;
import dev.rollwatch.benchmarks.system.EventTap;
import dev.rollwatch.benchmarks.system.HealthMonitorApi;
import dev.rollwatch.benchmarks.system.SeenEvent;
import dev.rollwatch.benchmarks.system.Waits;
import dev.rollwatch.events.EventType;
import dev.rollwatch.events.ReleaseStatus;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * N concurrent releases through the API, each of its own application: acceptance rate, time from
 * request to first step, per-hop latency, and then the health monitor's evaluation rate with all of
 * them watched at a 10 s interval.
 */
public final class ThroughputBenchmark {

    private static final double INTERVAL_SECONDS = 10;
    private static final Duration NO_PROGRESS_LIMIT = Duration.ofMinutes(3);

    private final BenchmarkSystem system;
    private final BenchmarkOptions options;
    private final PrintStream out;

    public ThroughputBenchmark(BenchmarkSystem system, BenchmarkOptions options, PrintStream out) {
        this.system = system;
        this.options = options;
        this.out = out;
    }

    public ThroughputResults run() throws InterruptedException {
        int n = options.releases();
        out.printf(
                "%n  Throughput: creating %d applications (Deployment + Service each) on the simulated cluster%n", n);
        Instant setupStart = Instant.now();
        List<String> applications = BenchApplications.create(system.cluster().client(), n, Duration.ofMinutes(15));
        double setupSeconds = seconds(setupStart, Instant.now());
        out.printf("    ready after %.1f s%n", setupSeconds);
        List<String> notes = new ArrayList<>();
        try (CanaryObserver canaries = CanaryObserver.watch(system.cluster().client(), BenchApplications.NAMESPACE)) {
            ReleaseSubmitter submitter = new ReleaseSubmitter(
                    system.local().apiUrl(),
                    system.local().devKey(),
                    system.demo().app().stableUrl() + "/metrics");
            out.printf("    submitting %d releases from %d concurrent clients%n", n, options.concurrency());
            ProcessCpu.Snapshot cpuBefore = system.cpu().take();
            List<Submission> submissions = submitter.submit(applications, options.concurrency());
            List<Submission> accepted =
                    submissions.stream().filter(Submission::accepted).toList();
            Instant firstSent = submissions.stream()
                    .map(Submission::sentAt)
                    .min(Instant::compareTo)
                    .orElseThrow();
            Instant lastAnswer = submissions.stream()
                    .map(Submission::answeredAt)
                    .max(Instant::compareTo)
                    .orElseThrow();
            double submitSeconds = seconds(firstSent, lastAnswer);
            out.printf(
                    "    %d accepted in %.1f s (%.0f/s); waiting for every first step%n",
                    accepted.size(), submitSeconds, accepted.size() / submitSeconds);
            Instant lastFirstStep = awaitFirstSteps(accepted);
            Map<String, Double> cpu = ProcessCpu.cores(cpuBefore, system.cpu().take());
            List<ReleaseTimes> times =
                    accepted.stream().map(s -> times(s, canaries)).toList();
            if (canaries.closedBecause() != null) {
                notes.add("the Kubernetes watch closed early (" + canaries.closedBecause()
                        + "): the cluster hops cover fewer releases");
            }
            HealthCapacity health = measureHealth(accepted.size(), notes);
            return new ThroughputResults(
                    setup(),
                    n,
                    accepted.size(),
                    refusals(submissions),
                    submissions.stream()
                            .filter(s -> !s.accepted())
                            .map(Submission::problem)
                            .limit(3)
                            .toList(),
                    setupSeconds,
                    submitSeconds,
                    accepted.size() / submitSeconds,
                    firstStepOutcomes(accepted),
                    lastFirstStep == null ? null : seconds(firstSent, lastFirstStep),
                    HopLatencies.requestToFirstStep(times),
                    HopLatencies.of(times),
                    cpu,
                    health,
                    notes);
        }
    }

    private String setup() {
        return String.format(
                Locale.ROOT,
                "%d applications of 10 replicas each, one canary release each (10%%, then "
                        + "a 1 h pause, replica-ratio routing), submitted by %d concurrent API clients; SLO evaluated every "
                        + "10 s over 1 m from the scrape source (each release's canary and stable endpoints are the demo's "
                        + "live /metrics page with %d req/s of traffic)",
                options.releases(),
                options.concurrency(),
                options.requestsPerSecond());
    }

    /** Waits until every accepted release has its first step on Kafka, or nothing moves for a while. */
    private Instant awaitFirstSteps(List<Submission> accepted) {
        EventTap events = system.events();
        int[] last = {-1};
        Instant[] progressAt = {Instant.now()};
        Waits.until("the first step of every release", Duration.ofMinutes(30), Duration.ofSeconds(1), () -> {
            int done = (int) accepted.stream()
                    .filter(s -> firstStep(events, s).isPresent())
                    .count();
            if (done != last[0]) {
                last[0] = done;
                progressAt[0] = Instant.now();
            }
            boolean stalled = Duration.between(progressAt[0], Instant.now()).compareTo(NO_PROGRESS_LIMIT) > 0;
            if (stalled) {
                out.printf(
                        "    no new first step for %d s; %d of %d have one%n",
                        NO_PROGRESS_LIMIT.toSeconds(), done, accepted.size());
            }
            return done == accepted.size() || stalled ? Boolean.TRUE : null;
        });
        return accepted.stream()
                .map(s -> firstStep(events, s).map(SeenEvent::kafkaTime).orElse(null))
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
    }

    private static java.util.Optional<SeenEvent> firstStep(EventTap events, Submission s) {
        return events.first(s.releaseId(), Topics.STEP_COMPLETED, e -> true);
    }

    private ReleaseTimes times(Submission s, CanaryObserver canaries) {
        EventTap events = system.events();
        SeenEvent requested =
                events.first(s.releaseId(), Topics.RELEASE_REQUESTED, e -> true).orElse(null);
        SeenEvent step = firstStep(events, s).orElse(null);
        String stepType = EventType.STEP_COMPLETED.ceType();
        SeenEvent status = events.first(
                        s.releaseId(),
                        Topics.RELEASE_STATUS,
                        e -> stepType.equals(((ReleaseStatus) e.data()).lastEvent()))
                .orElse(null);
        return new ReleaseTimes(
                s.sentAt(),
                s.answeredAt(),
                requested == null ? null : requested.eventTime(),
                requested == null ? null : requested.kafkaTime(),
                canaries.created(s.application()),
                canaries.ready(s.application()),
                step == null ? null : step.eventTime(),
                step == null ? null : step.kafkaTime(),
                status == null ? null : status.eventTime(),
                status == null ? null : status.kafkaTime());
    }

    private Map<String, Integer> firstStepOutcomes(List<Submission> accepted) {
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Submission s : accepted) {
            String outcome = firstStep(system.events(), s)
                    .map(e -> ((StepCompleted) e.data()).outcome().name().toLowerCase(Locale.ROOT))
                    .orElse("missing");
            outcomes.merge(outcome, 1, Integer::sum);
        }
        return outcomes;
    }

    private static Map<String, Integer> refusals(List<Submission> submissions) {
        return submissions.stream()
                .filter(s -> !s.accepted())
                .collect(Collectors.toMap(s -> Integer.toString(s.status()), s -> 1, Integer::sum, TreeMap::new));
    }

    /**
     * Samples the monitor's own counters once every release is watched: evaluations completed per
     * second against the watches' need (watches / 10 s).
     */
    private HealthCapacity measureHealth(int expected, List<String> notes) {
        HealthMonitorApi monitor = new HealthMonitorApi(
                system.local().serviceUrl("health-monitor-service"),
                system.local().managementUrl("health-monitor-service"),
                system.local().devKey());
        out.printf("    waiting until the health monitor watches all %d releases%n", expected);
        try {
            Waits.until(
                    "the health monitor to watch every release",
                    Duration.ofMinutes(3),
                    Duration.ofSeconds(2),
                    () -> watching(monitor) >= expected ? Boolean.TRUE : null);
        } catch (IllegalStateException e) {
            notes.add("the health monitor watched " + watching(monitor) + " of " + expected
                    + " releases when its rate was sampled");
        }
        // One interval more, so every watch has settled on its evaluation grid before the sample.
        Waits.pause(Duration.ofSeconds((long) INTERVAL_SECONDS));
        String before = monitor.metrics();
        ProcessCpu.Snapshot cpuBefore = system.cpu().take();
        Instant from = Instant.now();
        out.printf(
                "    sampling its evaluation rate for %d s%n", options.sample().toSeconds());
        Waits.pause(options.sample());
        String after = monitor.metrics();
        ProcessCpu.Snapshot cpuAfter = system.cpu().take();
        double sampleSeconds = seconds(from, Instant.now());
        long evaluations = delta(before, after, "rollwatch_health_evaluations_total");
        long errors = delta(before, after, "rollwatch_health_source_errors_total");
        Map<String, Long> verdicts = new TreeMap<>();
        Map<String, Double> verdictsBefore =
                PrometheusText.byLabel(before, "rollwatch_health_verdicts_total", "verdict");
        PrometheusText.byLabel(after, "rollwatch_health_verdicts_total", "verdict")
                .forEach((verdict, count) ->
                        verdicts.put(verdict, Math.round(count - verdictsBefore.getOrDefault(verdict, 0.0))));
        HealthCapacity capacity = HealthCapacity.of(
                watching(monitor),
                INTERVAL_SECONDS,
                sampleSeconds,
                evaluations,
                errors,
                verdicts,
                ProcessCpu.cores(cpuBefore, cpuAfter));
        out.printf(
                Locale.ROOT,
                "    %d watches need %.1f evaluations/s; it completed %.1f/s (%s)%n",
                capacity.watchesActive(),
                capacity.requiredPerSecond(),
                capacity.achievedPerSecond(),
                capacity.keepsUp() ? "keeps up" : "falls behind");
        return capacity;
    }

    private static long watching(HealthMonitorApi monitor) {
        return Math.round(PrometheusText.sum(monitor.metrics(), "rollwatch_health_watches_active"));
    }

    private static long delta(String before, String after, String metric) {
        return Math.round(PrometheusText.sum(after, metric) - PrometheusText.sum(before, metric));
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
