package dev.rollwatch.healthmonitor.service;

import dev.rollwatch.healthmonitor.domain.Verdict;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The monitor's own health: how much it watches, how it judges, and how fast it reports a breach. */
@ApplicationScoped
public class HealthMetrics {

    private final MeterRegistry registry;
    private final AtomicLong activeWatches = new AtomicLong();
    private final Timer detection;

    HealthMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Held strongly: a registry that outlives this bean (tests restart the application in one JVM)
        // keeps the first gauge of a name, and one whose object was collected drops out of the scrape.
        Gauge.builder("rollwatch.health.watches.active", activeWatches, AtomicLong::get)
                .description("Releases whose new version is being watched")
                .strongReference(true)
                .register(registry);
        this.detection = Timer.builder("rollwatch.health.detection.latency")
                .description("From the end of a breach's first DEGRADED window to its health.degraded being committed")
                .publishPercentiles(0.5, 0.95)
                .register(registry);
    }

    void activeWatches(long count) {
        activeWatches.set(count);
    }

    void evaluated(String sourceType, Verdict verdict) {
        registry.counter("rollwatch.health.evaluations", "source", sourceType).increment();
        registry.counter("rollwatch.health.verdicts", "source", sourceType, "verdict", verdict.name())
                .increment();
    }

    void sourceError(String sourceType) {
        registry.counter("rollwatch.health.source.errors", "source", sourceType).increment();
    }

    void breachPublished(Duration sinceVisible) {
        detection.record(sinceVisible.isNegative() ? Duration.ZERO : sinceVisible);
    }

    void warningPublished(Verdict verdict, boolean hold) {
        registry.counter("rollwatch.health.warnings", "verdict", verdict.name(), "hold", String.valueOf(hold))
                .increment();
    }
}
