package dev.rollwatch.release.service;

import dev.rollwatch.eventing.ReleaseLock;
import dev.rollwatch.eventing.quarantine.Quarantines;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.validation.ImageReference;
import dev.rollwatch.release.domain.ReleaseLifecycle;
import dev.rollwatch.release.domain.Transition;
import dev.rollwatch.release.persistence.ReleaseEntity;
import dev.rollwatch.release.persistence.ReleaseEventEntity;
import dev.rollwatch.release.persistence.ReleaseRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Applies what the other services report to the release state machine, records every event in the
 * release's history with its effect, and publishes the new status when the release changed. Runs in
 * the consumer's transaction, so the history, the state and the status event commit together with
 * the inbox entry.
 */
@ApplicationScoped
public class EventRecorder {

    private final ReleaseRepository releases;
    private final ReleaseHistory history;
    private final StatusPublisher status;
    private final Quarantines quarantine;
    private final Clock clock;

    EventRecorder(
            ReleaseRepository releases,
            ReleaseHistory history,
            StatusPublisher status,
            Quarantines quarantine,
            Clock clock) {
        this.releases = releases;
        this.quarantine = quarantine;
        this.history = history;
        this.status = status;
        this.clock = clock;
    }

    public Uni<Void> record(CloudEvent<ReleaseEvent> event) {
        // Serialised with the release's registration, so an event never waits as pending unseen.
        return ReleaseLock.acquire(event.subject())
                .chain(() -> quarantineIfNoticed(event))
                .chain(() -> releases.findById(event.subject()))
                .flatMap(release -> release == null
                        ? history.append(
                                        event,
                                        ReleaseEventEntity.Effect.PENDING,
                                        null,
                                        "release not registered yet; applied when it is")
                                .replaceWithVoid()
                        : apply(release, event));
    }

    private Uni<Void> apply(ReleaseEntity release, CloudEvent<ReleaseEvent> event) {
        Transition transition = ReleaseLifecycle.apply(Releases.progressOf(release), event.data());
        Uni<ReleaseEventEntity> recorded = history.append(
                event, effectOf(transition), transition.progress().state().name(), transition.note());
        if (!transition.changed()) {
            return recorded.replaceWithVoid();
        }
        Releases.apply(release, transition.progress());
        release.updatedAt = clock.instant();
        return recorded.chain(() -> status.publish(release, event.type()));
    }

    /** Keeps the projection of the rollback-service's quarantine decisions. */
    private Uni<Void> quarantineIfNoticed(CloudEvent<ReleaseEvent> event) {
        if (event.data() instanceof RollbackNotice notice
                && notice.kind() == RollbackNotice.Kind.ARTIFACT_QUARANTINED
                && notice.image() != null) {
            return quarantine
                    .quarantine(
                            ImageReference.artifactIdentity(notice.image()),
                            notice.image(),
                            notice.releaseId(),
                            notice.message(),
                            notice.raisedAt())
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    static ReleaseEventEntity.Effect effectOf(Transition transition) {
        return switch (transition.effect()) {
            case APPLIED -> ReleaseEventEntity.Effect.APPLIED;
            case NOTED -> ReleaseEventEntity.Effect.NOTED;
            case IGNORED -> ReleaseEventEntity.Effect.IGNORED;
        };
    }
}
