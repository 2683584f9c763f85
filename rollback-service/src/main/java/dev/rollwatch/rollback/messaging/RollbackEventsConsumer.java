package dev.rollwatch.rollback.messaging;

import dev.rollwatch.eventing.consumer.EventConsumer;
import dev.rollwatch.rollback.service.Decisions;
import dev.rollwatch.rollback.service.ReleaseTracker;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The rollback-service's inputs, one channel (and dead-letter topic) per topic: requests (policy,
 * artifact, what to verify), the executor's steps (phase, stable state, restore confirmations),
 * degraded signals, and operators' aborts.
 */
@ApplicationScoped
public class RollbackEventsConsumer {

    private final EventConsumer consumer;
    private final ReleaseTracker tracker;
    private final Decisions decisions;

    RollbackEventsConsumer(EventConsumer consumer, ReleaseTracker tracker, Decisions decisions) {
        this.consumer = consumer;
        this.tracker = tracker;
        this.decisions = decisions;
    }

    @Incoming("release-requested")
    public Uni<Void> onReleaseRequested(Message<String> message) {
        return consumer.consume(message, tracker::onRequested);
    }

    @Incoming("step-completed")
    public Uni<Void> onStepCompleted(Message<String> message) {
        return consumer.consume(message, decisions::onStep);
    }

    @Incoming("health-degraded")
    public Uni<Void> onHealthDegraded(Message<String> message) {
        return consumer.consume(message, decisions::onDegraded);
    }

    @Incoming("release-commands")
    public Uni<Void> onReleaseCommand(Message<String> message) {
        return consumer.consume(message, decisions::onCommand);
    }
}
