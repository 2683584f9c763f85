package dev.rollwatch.rollback.service;

import dev.rollwatch.eventing.ReleaseLock;
import dev.rollwatch.eventing.quarantine.Quarantines;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.rollback.domain.Artifact;
import dev.rollwatch.rollback.domain.Notices;
import dev.rollwatch.rollback.domain.ReleaseFacts;
import dev.rollwatch.rollback.persistence.TrackedReleaseEntity;
import dev.rollwatch.rollback.persistence.TrackedReleaseRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Remembers each release's request (policy, artifact, the objects to verify), flags a request for a
 * quarantined artifact that does not override the quarantine, and decides the signals that were
 * waiting for the request.
 */
@ApplicationScoped
public class ReleaseTracker {

    private static final Logger LOG = Logger.getLogger(ReleaseTracker.class);

    private final TrackedReleaseRepository releases;
    private final Quarantines quarantine;
    private final OutcomeApplier applier;
    private final Decisions decisions;
    private final Clock clock;

    ReleaseTracker(
            TrackedReleaseRepository releases,
            Quarantines quarantine,
            OutcomeApplier applier,
            Decisions decisions,
            Clock clock) {
        this.releases = releases;
        this.quarantine = quarantine;
        this.applier = applier;
        this.decisions = decisions;
        this.clock = clock;
    }

    public Uni<Void> onRequested(CloudEvent<ReleaseRequested> event) {
        ReleaseRequested request = event.data();
        String releaseId = event.subject();
        Instant now = clock.instant();
        return ReleaseLock.acquire(releaseId)
                .chain(() -> releases.findById(releaseId))
                .chain(row -> {
                    if (row != null && row.request != null) {
                        LOG.debugf("Release %s was already requested; request %s ignored", releaseId, event.id());
                        return Uni.createFrom().voidItem();
                    }
                    TrackedReleaseEntity tracked = row != null ? row : Releases.newRow(releaseId, now);
                    remember(tracked, request, now);
                    Uni<?> saved = row != null ? releases.flush() : releases.persist(tracked);
                    return saved.chain(() -> flagIfQuarantined(tracked, now))
                            .chain(() -> decisions.decideDeferred(releaseId));
                });
    }

    private static void remember(TrackedReleaseEntity tracked, ReleaseRequested request, Instant now) {
        tracked.request = TrackedReleaseRepository.requestJson(request);
        tracked.image = request.image();
        tracked.artifact = Artifact.of(request.image()).key();
        tracked.quarantineOverride = new ReleaseFacts(tracked.releaseId, request, null, null).quarantineOverridden();
        tracked.updatedAt = now;
    }

    private Uni<Void> flagIfQuarantined(TrackedReleaseEntity tracked, Instant now) {
        return quarantine.findById(tracked.artifact).chain(quarantined -> {
            if (quarantined == null) {
                return Uni.createFrom().voidItem();
            }
            if (tracked.quarantineOverride) {
                LOG.infof(
                        "Release %s deploys quarantined %s (rolled back in %s) with quarantineOverride",
                        tracked.releaseId, tracked.image, quarantined.releaseId);
                return Uni.createFrom().voidItem();
            }
            tracked.quarantineFlaggedAt = now;
            LOG.infof(
                    "Release %s deploys quarantined %s (rolled back in %s): flagged",
                    tracked.releaseId, tracked.image, quarantined.releaseId);
            return applier.publish(
                    Notices.requestFlagged(tracked.releaseId, tracked.image, quarantined.releaseId, now));
        });
    }
}
