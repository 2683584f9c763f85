package dev.rollwatch.release.service;

import dev.rollwatch.eventing.outbox.UndeliverableEvent;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.release.persistence.ReleaseEventEntity;
import dev.rollwatch.release.persistence.ReleaseEventRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;

/** Appends to a release's audit trail, in the caller's transaction. */
@ApplicationScoped
public class ReleaseHistory {

    /** The source of history entries the release-service writes about its own events. */
    private static final String SOURCE = "release-service";

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

    /**
     * Records that this service's {@code event} about release {@code releaseId} could never be published.
     * Its data names the event and the reason, never its payload (which the release's own request holds).
     */
    public Uni<ReleaseEventEntity> appendUnpublished(
            String releaseId,
            UndeliverableEvent event,
            ReleaseEventEntity.Effect effect,
            String stateAfter,
            String note) {
        ReleaseEventEntity entry = new ReleaseEventEntity();
        entry.releaseId = releaseId;
        entry.eventId = event.eventId();
        entry.ceType = event.type() != null ? event.type() : "unknown";
        entry.source = SOURCE;
        entry.occurredAt = clock.instant();
        entry.recordedAt = entry.occurredAt;
        entry.effect = effect;
        entry.stateAfter = stateAfter;
        entry.note = note;
        entry.data = Releases.toJson(Map.of("unpublished", event.topic(), "reason", event.reason()));
        return events.persist(entry);
    }
}
