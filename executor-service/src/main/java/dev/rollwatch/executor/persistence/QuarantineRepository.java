package dev.rollwatch.executor.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class QuarantineRepository implements PanacheRepositoryBase<QuarantinedArtifactEntity, String> {

    /**
     * Records the quarantine unless the artifact is already quarantined: the first rollback is the one
     * a refusal cites. Insert-or-nothing in one statement, so two notices consumed at once cannot race.
     *
     * @return whether this notice quarantined the artifact
     */
    public Uni<Boolean> quarantine(String artifact, String releaseId, String message, Instant at) {
        return getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into quarantined_artifact (image, release_id, quarantined_at, message) "
                                        + "values (:image, :release, :at, :message) on conflict (image) do nothing")
                        .setParameter("image", artifact)
                        .setParameter("release", releaseId)
                        .setParameter("at", at)
                        .setParameter("message", message)
                        .executeUpdate())
                .map(inserted -> inserted > 0);
    }
}
