package dev.rollwatch.eventing.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The test service's reaction to an event Kafka refused for good: it remembers it, or fails once if told to. */
@ApplicationScoped
public class RecordedUndeliverables implements UndeliverableEvents {

    private final List<UndeliverableEvent> events = new CopyOnWriteArrayList<>();
    private final List<UUID> attempts = new CopyOnWriteArrayList<>();
    private final Set<UUID> failOnce = ConcurrentHashMap.newKeySet();

    @Override
    public Uni<Void> onUndeliverable(UndeliverableEvent event) {
        attempts.add(event.eventId());
        if (failOnce.remove(event.eventId())) {
            return Uni.createFrom().failure(new IllegalStateException("the reaction's database work failed"));
        }
        events.add(event);
        return Uni.createFrom().voidItem();
    }

    /** The first reaction to {@code eventId} fails. */
    void failOnce(UUID eventId) {
        failOnce.add(eventId);
    }

    List<UndeliverableEvent> events() {
        return List.copyOf(events);
    }

    long attempts(UUID eventId) {
        return attempts.stream().filter(eventId::equals).count();
    }
}
