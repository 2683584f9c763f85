package dev.rollwatch.eventing.outbox;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.codec.EncodedEvent;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.events.codec.EventJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Writes events to the outbox table in the caller's transaction. The only way a Rollwatch service
 * publishes: the state change and the event that announces it commit together or not at all.
 */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec = new EventCodec();
    private final Clock clock;

    Outbox(Clock clock) {
        this.clock = clock;
    }

    /** Adds the event to the current transaction; must be called inside {@code Panache.withTransaction}. */
    public Uni<Void> publish(CloudEvent<?> event) {
        OutboxEntry entry = entryFor(event);
        return Panache.getSession().flatMap(session -> session.persist(entry));
    }

    /** The row that carries {@code event} to Kafka; an event its schema rejects throws here, before anything is written. */
    OutboxEntry entryFor(CloudEvent<?> event) {
        EncodedEvent encoded = codec.encode(event);
        return new OutboxEntry(
                event.id(),
                encoded.topic(),
                encoded.key(),
                EventJson.write(encoded.headers()),
                encoded.payload(),
                clock.instant());
    }
}
