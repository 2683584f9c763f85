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

    /** The seeds' time to detect (runbook 002): a bucket bound of the detection latency histogram. */
    static final Duration DETECTION_TARGET = Duration.ofMinutes(5);

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
        // A histogram, not client-side percentiles: a quantile must aggregate over replicas and time for
        // the dashboard, and the seeds' target (time to detect under 5 minutes) must be a bucket bound an
        // alert can count the slower detections against.
        this.detection = Timer.builder("rollwatch.health.detection.latency")
                .description("From the end of a breach's first DEGRADED window to its health.degraded being committed")
                .publishPercentileHistogram()
                .serviceLevelObjectives(DETECTION_TARGET)
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofMinutes(30))
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
