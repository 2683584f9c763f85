package dev.rollwatch.release.service;

import dev.rollwatch.eventing.ReleaseLock;
import dev.rollwatch.eventing.outbox.UndeliverableEvent;
import dev.rollwatch.eventing.outbox.UndeliverableEvents;
import dev.rollwatch.release.domain.ReleaseLifecycle;
import dev.rollwatch.release.domain.Transition;
import dev.rollwatch.release.persistence.ReleaseEntity;
import dev.rollwatch.release.persistence.ReleaseRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * What becomes of a release when one of this service's events about it can never be published: a
 * request no other service will ever see ends the release FAILED with the reason (so its application
 * is not locked behind a PENDING release nothing can run, and an abort is not needed); any other
 * event is kept in the history. Runs in the outbox relay's transaction.
 */
@ApplicationScoped
public class UnpublishableEvents implements UndeliverableEvents {

    private final ReleaseRepository releases;
    private final ReleaseHistory history;
    private final StatusPublisher status;
    private final Clock clock;

    UnpublishableEvents(ReleaseRepository releases, ReleaseHistory history, StatusPublisher status, Clock clock) {
        this.releases = releases;
        this.history = history;
        this.status = status;
        this.clock = clock;
    }

    @Override
    public Uni<Void> onUndeliverable(UndeliverableEvent event) {
        return ReleaseLock.acquire(event.recordKey())
                .chain(() -> releases.findById(event.recordKey()))
                .chain(release -> release == null ? Uni.createFrom().voidItem() : apply(release, event));
    }

    private Uni<Void> apply(ReleaseEntity release, UndeliverableEvent event) {
        Transition transition = ReleaseLifecycle.unpublished(
                Releases.progressOf(release), event.topic(), event.reason(), clock.instant());
        Uni<?> recorded = history.appendUnpublished(
                release.id,
                event,
                EventRecorder.effectOf(transition),
                transition.progress().state().name(),
                transition.note());
        if (!transition.changed()) {
            return recorded.replaceWithVoid();
        }
        Releases.apply(release, transition.progress());
        release.updatedAt = clock.instant();
        return recorded.chain(() -> status.publish(release, event.type()));
    }
}
