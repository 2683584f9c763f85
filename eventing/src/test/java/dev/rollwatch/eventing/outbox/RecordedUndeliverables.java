package dev.rollwatch.eventing.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The test service's reaction to an event Kafka refused for good: it remembers it. */
@ApplicationScoped
public class RecordedUndeliverables implements UndeliverableEvents {

    private final List<UndeliverableEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public Uni<Void> onUndeliverable(UndeliverableEvent event) {
        events.add(event);
        return Uni.createFrom().voidItem();
    }

    List<UndeliverableEvent> events() {
        return List.copyOf(events);
    }
}
