package dev.rollwatch.eventing.consumer;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.HealthPassed;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A service's consumer as the eventing tests need it: consumes {@code health.passed} through
 * {@link EventConsumer}, and its handler throws for the events a test marked broken (a bug) until the test
 * mends them (the fix is deployed), and takes as long as a test says for the events it holds (a slow
 * Kubernetes API). What it applied is kept in order.
 */
@ApplicationScoped
public class BreakableConsumer {

    private final EventConsumer consumer;
    private final Set<UUID> broken = ConcurrentHashMap.newKeySet();
    private final List<CloudEvent<HealthPassed>> applied = new CopyOnWriteArrayList<>();
    private final Map<UUID, CompletableFuture<Void>> held = new ConcurrentHashMap<>();

    BreakableConsumer(EventConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("parking-test")
    public Uni<Void> onHealthPassed(Message<String> message) {
        return consumer.consume(message, HealthPassed.class, event -> {
            if (broken.contains(event.id())) {
                return Uni.createFrom().failure(new IllegalStateException("no watch for " + event.subject()));
            }
            CompletableFuture<Void> slow = held.get(event.id());
            if (slow != null) {
                return Uni.createFrom().completionStage(slow).invoke(() -> applied.add(event));
            }
            applied.add(event);
            return Uni.createFrom().voidItem();
        });
    }

    void breakFor(UUID eventId) {
        broken.add(eventId);
    }

    void mend(UUID eventId) {
        broken.remove(eventId);
    }

    /** The event's handler will not finish until {@link #letGo} (it still applies in its transaction). */
    void hold(UUID eventId) {
        held.put(eventId, new CompletableFuture<>());
    }

    void letGo(UUID eventId) {
        held.get(eventId).complete(null);
    }

    /** The events applied for the release, in the order they were applied. */
    List<UUID> appliedFor(String releaseId) {
        return applied.stream()
                .filter(event -> event.subject().equals(releaseId))
                .map(CloudEvent::id)
                .toList();
    }
}
