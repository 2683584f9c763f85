package dev.rollwatch.release.metrics;

import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.release.persistence.ReleaseRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes {@code rollwatch.releases{state}}: how many releases are in each state. */
@ApplicationScoped
public class ReleaseMetrics {

    private final ReleaseRepository releases;
    private final Map<ReleaseState, AtomicLong> byState = new EnumMap<>(ReleaseState.class);

    ReleaseMetrics(ReleaseRepository releases, MeterRegistry registry) {
        this.releases = releases;
        for (ReleaseState state : ReleaseState.values()) {
            AtomicLong count = new AtomicLong();
            byState.put(state, count);
            Gauge.builder("rollwatch.releases", count, AtomicLong::get)
                    .tag("state", state.name())
                    .description("Releases by state")
                    .strongReference(true)
                    .register(registry);
        }
    }

    @Scheduled(
            every = "${rollwatch.release.metrics-refresh:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "2s")
    Uni<Void> refresh() {
        return Panache.withSession(() -> releases.countByState())
                .invoke(counts -> byState.forEach((state, gauge) -> gauge.set(counts.getOrDefault(state, 0L))))
                .replaceWithVoid();
    }
}
