package dev.rollwatch.executor.service;

import dev.rollwatch.eventing.quarantine.Quarantines;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.validation.ImageReference;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The executor's projection of the rollback-service's quarantine: images it rolled back. The
 * rollback-service owns the decision; the executor keeps its own copy so it can refuse a release of
 * a quarantined image without asking anyone.
 */
@ApplicationScoped
public class Quarantine {

    private static final Logger LOG = Logger.getLogger(Quarantine.class);

    private final Quarantines repository;

    Quarantine(Quarantines repository) {
        this.repository = repository;
    }

    public Uni<Void> onNotice(CloudEvent<RollbackNotice> event) {
        RollbackNotice notice = event.data();
        if (notice.kind() != RollbackNotice.Kind.ARTIFACT_QUARANTINED || notice.image() == null) {
            return Uni.createFrom().voidItem();
        }
        // Keyed like every service keys quarantine: the same digest under another tag is the same artifact.
        String artifact = ImageReference.artifactIdentity(notice.image());
        Instant at = notice.raisedAt() != null ? notice.raisedAt() : event.time();
        return repository
                .quarantine(artifact, notice.image(), notice.releaseId(), notice.message(), at)
                .invoke(quarantined -> {
                    if (quarantined) {
                        LOG.infof("Artifact %s quarantined after release %s", notice.image(), notice.releaseId());
                    } else {
                        LOG.debugf(
                                "Artifact %s is already quarantined; the notice of release %s keeps the first rollback",
                                notice.image(), notice.releaseId());
                    }
                })
                .replaceWithVoid();
    }
}
