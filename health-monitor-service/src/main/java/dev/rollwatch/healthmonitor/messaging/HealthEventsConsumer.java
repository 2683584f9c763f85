package dev.rollwatch.healthmonitor.messaging;

import dev.rollwatch.eventing.consumer.EventConsumer;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.healthmonitor.service.WatchRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What starts, moves and ends watches: the release's SLOs and source, the executor's steps, the
 * rollback decision. One channel per topic, each with its dead-letter topic.
 */
@ApplicationScoped
public class HealthEventsConsumer {

    private final EventConsumer consumer;
    private final WatchRegistry registry;

    HealthEventsConsumer(EventConsumer consumer, WatchRegistry registry) {
        this.consumer = consumer;
        this.registry = registry;
    }

    @Incoming("release-requested")
    public Uni<Void> onReleaseRequested(Message<String> message) {
        return consumer.consume(message, ReleaseRequested.class, event -> registry.onRequested(event.data()));
    }

    @Incoming("step-completed")
    public Uni<Void> onStepCompleted(Message<String> message) {
        return consumer.consume(message, StepCompleted.class, event -> registry.onStep(event.data()));
    }

    @Incoming("rollback-triggered")
    public Uni<Void> onRollbackTriggered(Message<String> message) {
        return consumer.consume(
                message, RollbackTriggered.class, event -> registry.onRollbackTriggered(event.subject()));
    }
}
