package dev.rollwatch.rollback.service;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.rollback.domain.DegradedSignal;
import dev.rollwatch.rollback.domain.Outcome;
import dev.rollwatch.rollback.persistence.DecisionInputEntity;
import java.time.Instant;
import java.util.UUID;

/** Translates received events to input rows and domain signals, and records what became of them. */
final class Inputs {

    private Inputs() {}

    static DecisionInputEntity of(
            CloudEvent<? extends ReleaseEvent> event, DecisionInputEntity.Kind kind, Instant now) {
        DecisionInputEntity input = new DecisionInputEntity();
        input.releaseId = event.subject();
        input.eventId = event.id();
        input.kind = kind.name();
        input.source = event.source();
        input.occurredAt = event.time();
        input.receivedAt = now;
        input.data = EventJson.write(event.data());
        return input;
    }

    static void record(DecisionInputEntity input, Outcome outcome) {
        input.effect = outcome.inputEffect().name();
        input.note = outcome.note();
        input.dueAt = outcome.deferredUntil();
    }

    static DegradedSignal signal(UUID eventId, HealthDegraded health, Instant receivedAt) {
        return new DegradedSignal(
                eventId,
                health.detectedAt(),
                receivedAt,
                health.canaryWeight(),
                health.evidence(),
                health.summary(),
                health.consecutiveWindows());
    }

    /** The signal of a stored (deferred) input, received when it was first recorded. */
    static DegradedSignal signal(DecisionInputEntity input) {
        return signal(input.eventId, EventJson.read(input.data, HealthDegraded.class), input.receivedAt);
    }
}
