package dev.rollwatch.eventing.inbox;

import dev.rollwatch.eventing.EventingConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/** Remembers which events this service has applied, in the same transaction as their effect. */
@ApplicationScoped
public class Inbox {

    private final Clock clock;
    private final EventingConfig config;

    Inbox(Clock clock, EventingConfig config) {
        this.clock = clock;
        this.config = config;
    }

    /**
     * Claims the event for processing in the current transaction: true the first time, false when
     * it was already applied (a redelivery). Must be called inside {@code Panache.withTransaction}.
     */
    public Uni<Boolean> claim(UUID eventId, String topic) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into inbox (event_id, topic, received_at) values (:id, :topic, :at) "
                                        + "on conflict (event_id) do nothing")
                        .setParameter("id", eventId)
                        .setParameter("topic", topic)
                        .setParameter("at", clock.instant())
                        .executeUpdate()
                        .map(inserted -> inserted == 1));
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1m")
    Uni<Void> forgetOldEvents() {
        return Panache.withTransaction(() -> Panache.getSession()
                        .flatMap(session -> session.createNativeQuery("delete from inbox where received_at < :before")
                                .setParameter(
                                        "before",
                                        clock.instant().minus(config.consumer().inboxRetention()))
                                .executeUpdate()))
                .replaceWithVoid();
    }
}
