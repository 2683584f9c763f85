package dev.rollwatch.release.service;

import dev.rollwatch.events.EventType;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.release.domain.ReleaseLifecycle;
import dev.rollwatch.release.domain.ReleaseProgress;
import dev.rollwatch.release.domain.Transition;
import dev.rollwatch.release.persistence.ReleaseEntity;
import dev.rollwatch.release.persistence.ReleaseEventEntity;
import dev.rollwatch.release.persistence.ReleaseEventRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * Applies the events that arrived before their release was registered (topics are consumed
 * independently, so the executor's first step can overtake a Kafka-produced request), in the order
 * they arrived.
 */
@ApplicationScoped
public class PendingEvents {

    private final ReleaseEventRepository events;
    private final StatusPublisher status;
    private final Clock clock;

    PendingEvents(ReleaseEventRepository events, StatusPublisher status, Clock clock) {
        this.events = events;
        this.status = status;
        this.clock = clock;
    }

    Uni<Void> applyTo(ReleaseEntity release) {
        return events.pending(release.id)
                .flatMap(waiting -> waiting.isEmpty() ? Uni.createFrom().voidItem() : replay(release, waiting));
    }

    private Uni<Void> replay(ReleaseEntity release, List<ReleaseEventEntity> waiting) {
        ReleaseProgress progress = Releases.progressOf(release);
        String lastType = null;
        for (ReleaseEventEntity entry : waiting) {
            ReleaseEvent data = (ReleaseEvent) Releases.fromJson(
                    entry.data, EventType.fromCeType(entry.ceType).orElseThrow().payloadType());
            Transition transition = ReleaseLifecycle.apply(progress, data);
            entry.effect = EventRecorder.effectOf(transition);
            entry.stateAfter = transition.progress().state().name();
            entry.note = transition.note() + " (applied on registration)";
            if (transition.changed()) {
                progress = transition.progress();
                lastType = entry.ceType;
            }
        }
        if (lastType == null) {
            return Uni.createFrom().voidItem();
        }
        Releases.apply(release, progress);
        release.updatedAt = clock.instant();
        return status.publish(release, lastType);
    }
}
