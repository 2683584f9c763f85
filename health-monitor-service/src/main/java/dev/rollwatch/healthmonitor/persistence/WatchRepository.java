package dev.rollwatch.healthmonitor.persistence;

import dev.rollwatch.healthmonitor.domain.WatchState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class WatchRepository implements PanacheRepositoryBase<WatchEntity, String> {

    /** The watch, locked for the rest of the transaction: events and evaluations of one release never interleave. */
    public Uni<WatchEntity> lock(String releaseId) {
        return findById(releaseId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Due watches, locked; rows another instance is claiming right now are skipped rather than waited
     * for. The caller moves their due time on in the same transaction: that is the claim. A watch waiting
     * for traffic is due only when it measures the previous version before a switch.
     */
    public Uni<List<WatchEntity>> lockDue(Instant now, int limit) {
        return getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select release_id from watch where state in ('WATCHING', 'WAITING_FOR_TRAFFIC') "
                                        + "and next_due_at <= :now "
                                        + "order by next_due_at limit :limit for update skip locked",
                                String.class)
                        .setParameter("now", now)
                        .setParameter("limit", limit)
                        .getResultList())
                .flatMap(ids ->
                        ids.isEmpty() ? Uni.createFrom().item(List.<WatchEntity>of()) : list("releaseId in ?1", ids));
    }

    public Uni<Long> countWatching() {
        return count("state", WatchState.WATCHING);
    }
}
