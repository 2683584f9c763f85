package dev.rollwatch.notifier.messaging;

import dev.rollwatch.eventing.consumer.EventConsumer;
import dev.rollwatch.notifier.service.NotificationPlanner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Listens to every topic people should hear about, one channel per topic so each has its own
 * dead-letter topic. Each event is planned into deliveries in the consumer's transaction; nothing is
 * sent from here. {@code release.status} is not consumed: it restates what these topics already say.
 */
@ApplicationScoped
public class NotifierEventsConsumer {

    private final EventConsumer consumer;
    private final NotificationPlanner planner;

    NotifierEventsConsumer(EventConsumer consumer, NotificationPlanner planner) {
        this.consumer = consumer;
        this.planner = planner;
    }

    @Incoming("release-requested")
    public Uni<Void> onReleaseRequested(Message<String> message) {
        return consumer.consume(message, planner::onRequested);
    }

    @Incoming("step-completed")
    public Uni<Void> onStepCompleted(Message<String> message) {
        return consumer.consume(message, planner::onEvent);
    }

    @Incoming("health-degraded")
    public Uni<Void> onHealthDegraded(Message<String> message) {
        return consumer.consume(message, planner::onEvent);
    }

    @Incoming("health-warning")
    public Uni<Void> onHealthWarning(Message<String> message) {
        return consumer.consume(message, planner::onEvent);
    }

    @Incoming("rollback-triggered")
    public Uni<Void> onRollbackTriggered(Message<String> message) {
        return consumer.consume(message, planner::onEvent);
    }

    @Incoming("rollback-notice")
    public Uni<Void> onRollbackNotice(Message<String> message) {
        return consumer.consume(message, planner::onEvent);
    }

    @Incoming("release-commands")
    public Uni<Void> onReleaseCommand(Message<String> message) {
        return consumer.consume(message, planner::onEvent);
    }
}
