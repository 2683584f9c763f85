package dev.rollwatch.release.service;

import dev.rollwatch.eventing.Events;
import dev.rollwatch.eventing.outbox.Outbox;
import dev.rollwatch.release.persistence.ReleaseEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishes a release's status to the compacted {@code release.status} topic, in the caller's transaction. */
@ApplicationScoped
public class StatusPublisher {

    private final Outbox outbox;
    private final Events events;

    StatusPublisher(Outbox outbox, Events events) {
        this.outbox = outbox;
        this.events = events;
    }

    public Uni<Void> publish(ReleaseEntity release, String causeType) {
        return outbox.publish(events.create(Releases.statusOf(release, causeType)));
    }
}
