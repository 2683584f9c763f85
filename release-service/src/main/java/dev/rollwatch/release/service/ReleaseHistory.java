package dev.rollwatch.release.service;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.release.persistence.ReleaseEventEntity;
import dev.rollwatch.release.persistence.ReleaseEventRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Appends to a release's audit trail, in the caller's transaction. */
@ApplicationScoped
public class ReleaseHistory {

    private final ReleaseEventRepository events;
    private final Clock clock;

    ReleaseHistory(ReleaseEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public Uni<ReleaseEventEntity> append(
            CloudEvent<? extends ReleaseEvent> event,
            ReleaseEventEntity.Effect effect,
            String stateAfter,
            String note) {
        ReleaseEventEntity entry = new ReleaseEventEntity();
        entry.releaseId = event.subject();
        entry.eventId = event.id();
        entry.ceType = event.type();
        entry.source = event.source();
        entry.occurredAt = event.time();
        entry.recordedAt = clock.instant();
        entry.effect = effect;
        entry.stateAfter = stateAfter;
        entry.note = note;
        entry.data = Releases.toJson(event.data());
        return events.persist(entry);
    }
}
