package dev.rollwatch.eventing.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static final ObjectMapper JSON = EventJson.mapper();
    private final EventCodec codec = new EventCodec();
    private final Clock clock;

    Outbox(Clock clock) {
        this.clock = clock;
    }

    /** Adds the event to the current transaction; must be called inside {@code Panache.withTransaction}. */
    public Uni<Void> publish(CloudEvent<?> event) {
        EncodedEvent encoded = codec.encode(event);
        OutboxEntry entry = new OutboxEntry(event.id(), encoded.topic(), encoded.key(), toJson(encoded),
                encoded.payload(), clock.instant());
        return Panache.getSession().flatMap(session -> session.persist(entry));
    }

    private static String toJson(EncodedEvent encoded) {
        try {
            return JSON.writeValueAsString(encoded.headers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Headers of a valid event could not be written as JSON", e);
        }
    }
}
