package dev.rollwatch.rollback.metrics;

import dev.rollwatch.events.RollbackPolicy;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.codec.EventJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * The rollback-service's measures: rollbacks by reason and policy, decisions that held instead,
 * how long from detection to the rollback, and how long until the restore was verified. Recorded
 * with the transaction that made the change; one that is retried after a transient database
 * failure may count twice.
 */
@ApplicationScoped
public class RollbackMetrics {

    /** The seeds' time to restore (runbook 002): a bucket bound of the restore histogram. */
    static final Duration RESTORE_TARGET = Duration.ofMinutes(15);

    private final MeterRegistry registry;

    RollbackMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered at zero from the start: a series whose first sample is already 1 shows no increase
        // to Prometheus, so the slow-restore alert would miss the first slow restore after a start.
        restoreTimer("verified");
        restoreTimer("confirmed");
    }

    /** A release's first decision (triggered, recommended or frozen). */
    public void decided(RollbackPolicy policy, String outcome) {
        Counter.builder("rollwatch.rollback.decisions")
                .description("First decisions on releases, by policy and outcome (triggered, recommended, frozen)")
                .tag("policy", EventJson.nameOf(policy))
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** A rollback was triggered (attempt 1), {@code since} the breach was detected (or the abort given). */
    public void triggered(RollbackTriggered.Reason reason, RollbackPolicy policy, Instant since, Instant at) {
        Counter.builder("rollwatch.rollbacks")
                .description("Rollbacks triggered, by reason and policy")
                .tag("reason", EventJson.nameOf(reason))
                .tag("policy", EventJson.nameOf(policy))
                .register(registry)
                .increment();
        if (since != null) {
            Timer.builder("rollwatch.rollback.decision")
                    .description("Time from health.degraded (detection, or receipt) to rollback.triggered")
                    .tag("reason", EventJson.nameOf(reason))
                    .tag("policy", EventJson.nameOf(policy))
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(nonNegative(since, at));
        }
    }

    public void retriggered(RollbackTriggered.Reason reason) {
        Counter.builder("rollwatch.rollback.retriggers")
                .description("Rollbacks triggered a second time because the first restore was not verified")
                .tag("reason", EventJson.nameOf(reason))
                .register(registry)
                .increment();
    }

    /**
     * A restore ended: verified, confirmed (executor only), unverified (people paged), too_late (the
     * release was promoted first; nothing restored) or superseded (a newer release took the objects over
     * before the restore was verified). Only the first two have a time to restore.
     */
    public void restore(String result, Instant triggeredAt, Instant at) {
        Counter.builder("rollwatch.rollback.restores")
                .description("Restores by result: verified, confirmed (executor only), unverified (paged), "
                        + "too_late (promoted first, nothing restored), superseded (a newer release took over)")
                .tag("result", result)
                .register(registry)
                .increment();
        if (("verified".equals(result) || "confirmed".equals(result)) && triggeredAt != null) {
            restoreTimer(result).record(nonNegative(triggeredAt, at));
        }
    }

    private Timer restoreTimer(String result) {
        // The seeds' time to restore (under 15 minutes) is a bucket bound an alert counts slower restores
        // against; restores take minutes, far past the 30 seconds a timer's buckets end at by default.
        return Timer.builder("rollwatch.rollback.restore")
                .description("Time from rollback.triggered to the verified (or confirmed) restore")
                .tag("result", result)
                .publishPercentileHistogram()
                .serviceLevelObjectives(RESTORE_TARGET)
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
    }

    private static Duration nonNegative(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
