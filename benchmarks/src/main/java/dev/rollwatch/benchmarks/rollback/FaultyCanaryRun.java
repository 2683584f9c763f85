package dev.rollwatch.benchmarks.rollback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.benchmarks.system.BenchmarkSystem;
import dev.rollwatch.benchmarks.system.EventTap;
import dev.rollwatch.benchmarks.system.HealthMonitorApi;
import dev.rollwatch.benchmarks.system.SeenEvent;
import dev.rollwatch.benchmarks.system.Waits;
import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import dev.rollwatch.local.demo.DemoScenario;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One measurement: a canary of a healthy image goes to its first step and is judged healthy for a
 * full window; then, at a known instant, it starts failing like a faulty image (errors and slow
 * answers). The run ends when the Kubernetes API shows the canary at 0% traffic, and reads the
 * times of the events in between from Kafka.
 */
final class FaultyCanaryRun {

    /** Healthy windows in a row before the fault: one full window of the demo's SLO (judged every 1 s) plus one. */
    static final int HEALTHY_WINDOWS = DemoScenario.windowSeconds() + 1;
    /**
     * After a run, the canary's last faulty answers (up to 3.2 s long) and one whole window (5 s) must
     * be over before the next run's canary is judged, or its first windows would hold this run's fault.
     */
    static final Duration QUIET_AFTER_ROLLBACK = Duration.ofSeconds(15);

    private static final String CANARY_DEPLOYMENT = DemoScenario.APPLICATION + "-canary";
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "ROLLED_BACK", "FAILED", "ABORTED");

    private final BenchmarkSystem system;
    private final HealthMonitorApi health;

    FaultyCanaryRun(BenchmarkSystem system) {
        this.system = system;
        this.health = new HealthMonitorApi(
                system.local().serviceUrl("health-monitor-service"),
                system.local().managementUrl("health-monitor-service"),
                system.local().devKey());
    }

    /**
     * @param metricSource sets the release's {@code slo.metricSource}
     */
    RollbackRun run(int number, boolean warmup, String image, Consumer<ObjectNode> metricSource)
            throws IOException, InterruptedException {
        ObjectNode release = system.demo().canaryRelease(image, "10m");
        metricSource.accept((ObjectNode) release.get("slo"));
        String id = system.api().request(release);
        Instant faultAt = null;
        try {
            EventTap events = system.events();
            events.await(
                    id,
                    Topics.STEP_COMPLETED,
                    e -> ((StepCompleted) e.data()).weights().canary() > 0,
                    Duration.ofSeconds(90),
                    "step.completed with traffic on the canary");
            awaitHealthyWindows(id);
            Instant zeroTrafficAt;
            try (ZeroTrafficWatch watch =
                    ZeroTrafficWatch.on(system.cluster().client(), DemoScenario.NAMESPACE, CANARY_DEPLOYMENT)) {
                faultAt = Instant.now();
                system.demo().app().injectCanaryFault(true);
                zeroTrafficAt = watch.await(Duration.ofMinutes(2));
            } finally {
                system.demo().app().injectCanaryFault(false);
            }
            SeenEvent degraded =
                    events.await(id, Topics.HEALTH_DEGRADED, e -> true, Duration.ofSeconds(30), "health.degraded");
            SeenEvent triggered = events.await(
                    id, Topics.ROLLBACK_TRIGGERED, e -> true, Duration.ofSeconds(30), "rollback.triggered");
            if (triggered.eventTime().isAfter(zeroTrafficAt)) {
                throw new IllegalStateException("the canary went to 0% at " + zeroTrafficAt + ", before this "
                        + "release's rollback was triggered at " + triggered.eventTime()
                        + ": something else scaled it down");
            }
            SeenEvent restored = events.await(
                    id,
                    Topics.STEP_COMPLETED,
                    e -> ((StepCompleted) e.data()).action() == StepCompleted.Action.ROLLBACK,
                    Duration.ofSeconds(30),
                    "step.completed (rollback)");
            JsonNode detail = system.api().awaitOutcome(id, Duration.ofMinutes(2));
            // The next run's canary reuses the canary Deployment: it must not start before the
            // rollback-service has verified this restore, or that check would see the new canary, fail,
            // and re-trigger this rollback into the next run.
            SeenEvent verified = events.await(
                    id,
                    Topics.ROLLBACK_NOTICE,
                    e -> ((RollbackNotice) e.data()).kind() == RollbackNotice.Kind.RESTORE_VERIFIED,
                    Duration.ofSeconds(60),
                    "rollback.notice restoreVerified");
            Waits.pause(Duration.between(Instant.now(), zeroTrafficAt.plus(QUIET_AFTER_ROLLBACK)));
            return RollbackRun.measured(
                    number,
                    warmup,
                    id,
                    image,
                    faultAt,
                    firstDegradedWindow(id, faultAt),
                    degraded.eventTime(),
                    triggered.eventTime(),
                    zeroTrafficAt,
                    restored.eventTime(),
                    verified.eventTime(),
                    detail.at("/release/state").asText(),
                    evidence((HealthDegraded) degraded.data()));
        } catch (IllegalStateException e) {
            String error = e.getMessage();
            try {
                cleanUp(id);
            } catch (IllegalStateException cleanup) {
                error += "; then, cleaning up: " + cleanup.getMessage();
            }
            return RollbackRun.failed(number, warmup, id, image, faultAt, error);
        }
    }

    /** Waits until the monitor has judged a full window of the canary HEALTHY: the "before" of the fault. */
    private void awaitHealthyWindows(String id) {
        Waits.until(
                "a full window of HEALTHY verdicts for " + id, Duration.ofMinutes(2), Duration.ofMillis(250), () -> {
                    JsonNode watch = health.watch(id, HEALTHY_WINDOWS).orElse(null);
                    if (watch == null || !"WATCHING".equals(watch.path("state").asText())) {
                        return null;
                    }
                    JsonNode verdicts = watch.path("verdicts");
                    for (JsonNode verdict : verdicts) {
                        if ("DEGRADED".equals(verdict.path("verdict").asText())) {
                            throw new IllegalStateException("the healthy canary was judged DEGRADED before the fault: "
                                    + verdict.path("reason").asText());
                        }
                    }
                    boolean healthy = verdicts.size() >= HEALTHY_WINDOWS;
                    for (JsonNode verdict : verdicts) {
                        healthy &= "HEALTHY".equals(verdict.path("verdict").asText());
                    }
                    return healthy ? Boolean.TRUE : null;
                });
    }

    /** When the monitor judged the first window after the fault DEGRADED (null if it cannot tell). */
    private Instant firstDegradedWindow(String id, Instant faultAt) {
        JsonNode watch = health.watch(id, 60).orElse(null);
        if (watch == null) {
            return null;
        }
        Instant first = null;
        for (JsonNode verdict : watch.path("verdicts")) {
            Instant at = Instant.parse(verdict.path("evaluatedAt").asText());
            if ("DEGRADED".equals(verdict.path("verdict").asText())
                    && at.isAfter(faultAt)
                    && (first == null || at.isBefore(first))) {
                first = at;
            }
        }
        return first;
    }

    /** A failed run must not leave its release running into the next one. */
    private void cleanUp(String id) throws IOException, InterruptedException {
        system.demo().app().injectCanaryFault(false);
        String state = system.api().release(id).at("/release/state").asText();
        if (!TERMINAL.contains(state)) {
            system.api().command(id, "abort");
            system.api().awaitOutcome(id, Duration.ofMinutes(2));
        }
        Waits.pause(QUIET_AFTER_ROLLBACK);
    }

    private static List<String> evidence(HealthDegraded degraded) {
        return degraded.evidence().stream().map(FaultyCanaryRun::describe).toList();
    }

    private static String describe(Evidence e) {
        return String.format(
                Locale.ROOT,
                "%s observed %.4g > threshold %.4g over %s (%d requests)",
                e.metric(),
                e.observed(),
                e.threshold(),
                e.window(),
                e.samples());
    }
}
