package dev.rollwatch.eventing.quarantine;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The quarantined artifacts of this service's schema. */
@ApplicationScoped
public class Quarantines implements PanacheRepositoryBase<QuarantinedArtifact, String> {

    /**
     * Records the quarantine unless the artifact is already quarantined: the first rollback stays the one
     * a refusal cites. Insert-or-nothing in one statement, so two notices consumed at once cannot race.
     *
     * @return whether this call quarantined the artifact
     */
    public Uni<Boolean> quarantine(String artifact, String image, String releaseId, String reason, Instant at) {
        return getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into quarantined_artifact (artifact, image, release_id, reason, quarantined_at) "
                                        + "values (:artifact, :image, :release, :reason, :at) "
                                        + "on conflict (artifact) do nothing")
                        .setParameter("artifact", artifact)
                        .setParameter("image", image)
                        .setParameter("release", releaseId)
                        .setParameter("reason", reason)
                        .setParameter("at", at)
                        .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    /** Every quarantined artifact, the latest first. */
    public Uni<List<QuarantinedArtifact>> all() {
        return listAll(Sort.descending("quarantinedAt"));
    }
}
