package dev.rollwatch.release.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class QuarantineRepository implements PanacheRepositoryBase<QuarantinedArtifactEntity, String> {

    /** Records the quarantine unless the image is already quarantined (the first rollback is the one cited). */
    public Uni<Void> quarantine(String image, String releaseId, String reason, Instant at) {
        return getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into quarantined_artifact (image, release_id, reason, quarantined_at) "
                                        + "values (:image, :release, :reason, :at) on conflict (image) do nothing")
                        .setParameter("image", image)
                        .setParameter("release", releaseId)
                        .setParameter("reason", reason)
                        .setParameter("at", at)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
