package dev.rollwatch.rollback.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Quarantined artifacts. */
@ApplicationScoped
public class QuarantineRepository implements PanacheRepositoryBase<QuarantinedArtifactEntity, String> {

    /**
     * Records the artifact unless it is already quarantined (the first rollback that quarantined it
     * stays on record). Safe against a concurrent quarantine of the same artifact.
     */
    public Uni<Void> quarantine(String artifact, String image, String releaseId, Instant at) {
        return getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into quarantined_artifact (artifact, image, release_id, quarantined_at) "
                                        + "values (:artifact, :image, :release, :at) on conflict (artifact) do nothing")
                        .setParameter("artifact", artifact)
                        .setParameter("image", image)
                        .setParameter("release", releaseId)
                        .setParameter("at", at)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<List<QuarantinedArtifactEntity>> all() {
        return listAll(Sort.descending("quarantinedAt"));
    }
}
