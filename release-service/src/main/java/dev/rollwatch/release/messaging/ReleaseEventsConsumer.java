package dev.rollwatch.release.messaging;

import dev.rollwatch.eventing.consumer.EventConsumer;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.validation.ReleaseValidator;
import dev.rollwatch.release.service.EventRecorder;
import dev.rollwatch.release.service.ReleaseRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The release-service listens to every topic: it registers releases CI produced on Kafka and keeps
 * each release's state and history from what the other services report. One channel per topic, so
 * each has its own dead-letter topic.
 */
@ApplicationScoped
public class ReleaseEventsConsumer {

    private final EventConsumer consumer;
    private final ReleaseRegistry registry;
    private final EventRecorder recorder;
    private final Clock clock;

    ReleaseEventsConsumer(EventConsumer consumer, ReleaseRegistry registry, EventRecorder recorder, Clock clock) {
        this.consumer = consumer;
        this.registry = registry;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Incoming("release-requested")
    public Uni<Void> onReleaseRequested(Message<String> message) {
        return consumer.consume(message, this::register);
    }

    @Incoming("step-completed")
    public Uni<Void> onStepCompleted(Message<String> message) {
        return consumer.consume(message, recorder::record);
    }

    @Incoming("health-degraded")
    public Uni<Void> onHealthDegraded(Message<String> message) {
        return consumer.consume(message, recorder::record);
    }

    @Incoming("rollback-triggered")
    public Uni<Void> onRollbackTriggered(Message<String> message) {
        return consumer.consume(message, recorder::record);
    }

    @Incoming("release-commands")
    public Uni<Void> onReleaseCommand(Message<String> message) {
        return consumer.consume(message, recorder::record);
    }

    @Incoming("health-warning")
    public Uni<Void> onHealthWarning(Message<String> message) {
        return consumer.consume(message, recorder::record);
    }

    @Incoming("health-passed")
    public Uni<Void> onHealthPassed(Message<String> message) {
        return consumer.consume(message, recorder::record);
    }

    @Incoming("rollback-notice")
    public Uni<Void> onRollbackNotice(Message<String> message) {
        return consumer.consume(message, recorder::record);
    }

    @SuppressWarnings("unchecked")
    private Uni<Void> register(CloudEvent<ReleaseEvent> event) {
        ReleaseValidator.requireValid((ReleaseRequested) event.data(), clock.instant());
        CloudEvent<?> typed = event;
        return registry.registerFromKafka((CloudEvent<ReleaseRequested>) typed);
    }
}
