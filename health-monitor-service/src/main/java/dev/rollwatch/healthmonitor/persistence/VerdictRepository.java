package dev.rollwatch.healthmonitor.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class VerdictRepository implements PanacheRepositoryBase<VerdictEntity, Long> {

    /** The newest verdicts of a release, newest first. */
    public Uni<List<VerdictEntity>> latest(String releaseId, int limit) {
        return find("releaseId", Sort.descending("id"), releaseId)
                .page(Page.ofSize(limit))
                .list();
    }

    public Uni<Long> purgeBefore(Instant before) {
        return delete("evaluatedAt < ?1", before);
    }
}
