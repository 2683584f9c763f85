package dev.rollwatch.executor.messaging;

import dev.rollwatch.eventing.consumer.EventConsumer;
import dev.rollwatch.events.HealthPassed;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackTriggered;
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
        return consumer.consume(message, ReleaseRequested.class, rollouts::register);
    }

    @Incoming("rollback-triggered")
    public Uni<Void> onRollbackTriggered(Message<String> message) {
        return consumer.consume(message, RollbackTriggered.class, rollouts::rollback);
    }

    @Incoming("release-commands")
    public Uni<Void> onReleaseCommand(Message<String> message) {
        return consumer.consume(message, ReleaseCommand.class, rollouts::command);
    }

    @Incoming("health-passed")
    public Uni<Void> onHealthPassed(Message<String> message) {
        return consumer.consume(message, HealthPassed.class, rollouts::passed);
    }

    @Incoming("rollback-notice")
    public Uni<Void> onRollbackNotice(Message<String> message) {
        return consumer.consume(message, RollbackNotice.class, quarantine::onNotice);
    }
}
