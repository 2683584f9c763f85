package dev.rollwatch.eventing.outbox;

import dev.rollwatch.eventing.EventingConfig;
import dev.rollwatch.eventing.ReactiveWork;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Outbox lag metrics and the purge of published events. Kept apart from the relay and its producer. */
@ApplicationScoped
public class OutboxMaintenance {

    private final EventingConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final AtomicLong pendingEvents = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private volatile boolean stopped;

    OutboxMaintenance(EventingConfig config, Clock clock, Vertx vertx, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
        // Held strongly: a registry that outlives this bean (tests restart the application in one JVM)
        // keeps the first gauge of a name, and one whose object was collected drops out of the scrape.
        Gauge.builder("rollwatch.outbox.pending", pendingEvents, AtomicLong::get)
                .description("Committed events not yet published (outbox lag, in events)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("rollwatch.outbox.lag.seconds", oldestPendingMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest unpublished event (outbox lag, in time)")
                .strongReference(true)
                .register(registry);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /** Committed events not yet published (those refused for good excluded), from any thread. */
    public Uni<Long> pending() {
        return ReactiveWork.onOwnContext(vertx, () -> lag().map(Lag::count));
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    Uni<Void> measureLag() {
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        return lag().invoke(lag -> {
                    pendingEvents.set(lag.count());
                    oldestPendingMillis.set(
                            lag.oldest() == null
                                    ? 0
                                    : Math.max(
                                            0,
                                            Duration.between(lag.oldest(), clock.instant())
                                                    .toMillis()));
                })
                .replaceWithVoid();
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1m")
    Uni<Void> purgePublished() {
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        Instant before = clock.instant().minus(config.outbox().retention());
        return Panache.withTransaction(() -> Panache.getSession()
                        .flatMap(session -> session.createNativeQuery(
                                        "delete from outbox where published_at < :before or (failed_at < :before and reacted_at is not null)")
                                .setParameter("before", before)
                                .executeUpdate()))
                .replaceWithVoid();
    }

    private Uni<Lag> lag() {
        return Panache.withSession(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select count(*), min(created_at) from outbox where published_at is null and failed_at is null",
                                Object[].class)
                        .getSingleResult()
                        .map(row ->
                                new Lag(((Number) row[0]).longValue(), row[1] == null ? null : toInstant(row[1])))));
    }

    private record Lag(long count, Instant oldest) {}

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
