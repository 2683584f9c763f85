package dev.rollwatch.executor.messaging;

import dev.rollwatch.eventing.consumer.EventConsumer;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.executor.service.Quarantine;
import dev.rollwatch.executor.service.Rollouts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The executor's inputs: release requests, rollback decisions, operator commands and the
 * rollback-service's notices (for the quarantine). One channel per topic, each with its dead-letter
 * topic; the work itself happens in {@link Rollouts} and the poller.
 */
@ApplicationScoped
public class ExecutorEventsConsumer {

    private final EventConsumer consumer;
    private final Rollouts rollouts;
    private final Quarantine quarantine;

    ExecutorEventsConsumer(EventConsumer consumer, Rollouts rollouts, Quarantine quarantine) {
        this.consumer = consumer;
        this.rollouts = rollouts;
        this.quarantine = quarantine;
    }

    @Incoming("release-requested")
    public Uni<Void> onReleaseRequested(Message<String> message) {
        return consumer.consume(message, event -> rollouts.register(typed(event)));
    }

    @Incoming("rollback-triggered")
    public Uni<Void> onRollbackTriggered(Message<String> message) {
        return consumer.consume(message, event -> rollouts.rollback(typed(event)));
    }

    @Incoming("release-commands")
    public Uni<Void> onReleaseCommand(Message<String> message) {
        return consumer.consume(message, event -> rollouts.command(typed(event)));
    }

    @Incoming("health-passed")
    public Uni<Void> onHealthPassed(Message<String> message) {
        return consumer.consume(message, event -> rollouts.passed(typed(event)));
    }

    @Incoming("rollback-notice")
    public Uni<Void> onRollbackNotice(Message<String> message) {
        return consumer.consume(message, event -> quarantine.onNotice(typed(event)));
    }

    /** The codec decoded the payload by the topic's event type, so the cast holds. */
    @SuppressWarnings("unchecked")
    private static <T extends ReleaseEvent> CloudEvent<T> typed(CloudEvent<ReleaseEvent> event) {
        CloudEvent<?> any = event;
        return (CloudEvent<T>) any;
    }
}
