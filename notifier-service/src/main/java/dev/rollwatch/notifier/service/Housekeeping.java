package dev.rollwatch.notifier.service;

import dev.rollwatch.notifier.config.NotifierConfig;
import dev.rollwatch.notifier.persistence.DeliveryStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;

/** Keeps the backlog gauges current and the delivery log from growing without end. */
@ApplicationScoped
public class Housekeeping {

    private final DeliveryStore store;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final NotifierConfig config;
    private volatile boolean stopped;

    Housekeeping(DeliveryStore store, DeliveryMetrics metrics, Clock clock, NotifierConfig config) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.config = config;
    }

    /** Stops database work before the pool closes under it. */
    void onShutdown(@Observes ShutdownEvent event) {
        stopped = true;
    }

    @Scheduled(every = "10s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measureBacklog() {
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> store.backlog(clock.instant()))
                .invoke(backlog -> metrics.backlog(backlog[0], backlog[1]))
                .replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(
                () -> store.purge(clock.instant().minus(config.dispatch().retention())));
    }
}
