package dev.rollwatch.rollback.messaging;

import dev.rollwatch.eventing.consumer.EventConsumer;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.validation.ReleaseValidator;
import dev.rollwatch.rollback.service.Decisions;
import dev.rollwatch.rollback.service.ReleaseTracker;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
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
    private final Clock clock;

    RollbackEventsConsumer(EventConsumer consumer, ReleaseTracker tracker, Decisions decisions, Clock clock) {
        this.consumer = consumer;
        this.tracker = tracker;
        this.decisions = decisions;
        this.clock = clock;
    }

    /**
     * A request breaking the release rules is dead-lettered (MalformedEventException), as every other
     * consumer of release.requested does: the executor never runs it, so tracking it would only hold
     * a policy and an artifact for a release that never happens.
     */
    @Incoming("release-requested")
    public Uni<Void> onReleaseRequested(Message<String> message) {
        return consumer.consume(message, ReleaseRequested.class, this::requested);
    }

    @Incoming("step-completed")
    public Uni<Void> onStepCompleted(Message<String> message) {
        return consumer.consume(message, StepCompleted.class, decisions::onStep);
    }

    @Incoming("health-degraded")
    public Uni<Void> onHealthDegraded(Message<String> message) {
        return consumer.consume(message, HealthDegraded.class, decisions::onDegraded);
    }

    @Incoming("release-commands")
    public Uni<Void> onReleaseCommand(Message<String> message) {
        return consumer.consume(message, ReleaseCommand.class, decisions::onCommand);
    }

    private Uni<Void> requested(CloudEvent<ReleaseRequested> event) {
        ReleaseValidator.requireValid(event.data(), clock.instant());
        return tracker.onRequested(event);
    }
}
