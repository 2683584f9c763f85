package dev.rollwatch.rollback.persistence;

import dev.rollwatch.rollback.domain.InputEffect;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The degraded signals and abort commands received, with what became of them. */
@ApplicationScoped
public class DecisionInputRepository implements PanacheRepositoryBase<DecisionInputEntity, Long> {

    public Uni<List<DecisionInputEntity>> ofRelease(String releaseId) {
        return list("releaseId", Sort.ascending("seq"), releaseId);
    }

    /** Signals of the release still waiting for its request, oldest first. */
    public Uni<List<DecisionInputEntity>> deferred(String releaseId) {
        return list(
                "releaseId = :release and effect = :deferred",
                Sort.ascending("seq"),
                Parameters.with("release", releaseId).and("deferred", InputEffect.DEFERRED.name()));
    }

    /** Releases with a deferred signal whose wait is over. */
    public Uni<List<String>> dueDeferred(Instant now, int limit) {
        return find(
                        "effect = :deferred and dueAt <= :now order by dueAt",
                        Parameters.with("deferred", InputEffect.DEFERRED.name()).and("now", now))
                .page(0, limit)
                .project(ReleaseIdOnly.class)
                .list()
                .map(ReleaseIdOnly::ids);
    }
}
