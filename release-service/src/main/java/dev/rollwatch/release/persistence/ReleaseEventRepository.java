package dev.rollwatch.release.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ReleaseEventRepository implements PanacheRepositoryBase<ReleaseEventEntity, Long> {

    public Uni<List<ReleaseEventEntity>> history(String releaseId) {
        return list("releaseId", Sort.ascending("seq"), releaseId);
    }

    public Uni<List<ReleaseEventEntity>> pending(String releaseId) {
        return list(
                "releaseId = ?1 and effect = ?2", Sort.ascending("seq"), releaseId, ReleaseEventEntity.Effect.PENDING);
    }
}
