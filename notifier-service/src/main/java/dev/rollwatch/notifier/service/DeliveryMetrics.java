package dev.rollwatch.notifier.service;

import dev.rollwatch.notifier.channel.refused.RefusedTargetChannel;
import dev.rollwatch.notifier.domain.Target;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What operators alert on: {@code rollwatch.notifier.deliveries} by channel and outcome (sent,
 * retried, rate_limited, dead_lettered, uncertain, skipped), {@code rollwatch.notifier.dead.letters} by channel,
 * {@code rollwatch.notifier.targets.refused} by namespace and target type, and the backlog (pending deliveries, age of the oldest due one).
 */
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestDueSeconds = new AtomicLong();

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("rollwatch.notifier.deliveries.pending", pending, AtomicLong::get)
                .description("Deliveries waiting to be sent")
                .strongReference(true)
                .register(registry);
        Gauge.builder("rollwatch.notifier.deliveries.oldest.due.seconds", oldestDueSeconds, AtomicLong::get)
                .description("How long the oldest due delivery has been waiting")
                .strongReference(true)
                .register(registry);
        // At zero from the start: a counter born at 1 shows Prometheus no increase, so an alert on
        // increase() would miss a channel's first dead letter.
        for (String channel : List.of(Target.SLACK, Target.STATUSPAGE, Target.WEBHOOK, RefusedTargetChannel.NAME)) {
            registry.counter("rollwatch.notifier.dead.letters", "channel", channel);
        }
    }

    public void outcome(String channel, String outcome) {
        registry.counter("rollwatch.notifier.deliveries", "channel", channel, "outcome", outcome)
                .increment();
    }

    /**
     * @param uncertain whether it went to the dead letters because its outcome is unknown (outcome
     *                  {@code uncertain}) rather than because it was refused ({@code dead_lettered})
     */
    public void deadLettered(String channel, boolean uncertain) {
        outcome(channel, uncertain ? "uncertain" : "dead_lettered");
        registry.counter("rollwatch.notifier.dead.letters", "channel", channel).increment();
    }

    /**
     * A target a release named that its namespace may not use ({@code rollwatch.notifier.targets.refused}
     * by namespace and target type); nothing is sent there.
     */
    public void refused(String namespace, String targetType) {
        registry.counter("rollwatch.notifier.targets.refused", "namespace", namespace, "type", targetType)
                .increment();
    }

    public void superseded(int count) {
        if (count > 0) {
            registry.counter("rollwatch.notifier.deliveries", "channel", "slack", "outcome", "superseded")
                    .increment(count);
        }
    }

    void backlog(long pendingCount, long oldestSeconds) {
        pending.set(pendingCount);
        oldestDueSeconds.set(oldestSeconds);
    }
}
