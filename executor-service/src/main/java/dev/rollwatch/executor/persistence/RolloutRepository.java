package dev.rollwatch.executor.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;

@ApplicationScoped
public class RolloutRepository implements PanacheRepositoryBase<RolloutEntity, String> {

    /**
     * Locks the release that is due soonest and not being worked on by another instance (SKIP
     * LOCKED: several executors never run the same release at once), or null when nothing is due.
     * A manually paused release is not due unless it waits for readiness or must be restored.
     * Must run inside a transaction; the lock holds until it ends.
     *
     * @param skip releases already handled in this pass
     */
    public Uni<RolloutEntity> lockNextDue(Instant now, Collection<String> skip) {
        return getSession().flatMap(session -> session.createNativeQuery(
                        "select * from rollout where due_at <= :now"
                                + " and (restore_kind is not null or not manual_pause or stage = 'WAIT_READY')"
                                + " and not (id = any(string_to_array(:skip, ',')))"
                                + " order by due_at limit 1 for update skip locked", RolloutEntity.class)
                .setParameter("now", now)
                .setParameter("skip", String.join(",", skip))
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : rows.get(0)));
    }

    /** Puts a release's due time back after an unexpected failure. */
    public Uni<Integer> postpone(String releaseId, Instant until, String error) {
        return update("dueAt = ?1, lastError = ?2 where id = ?3 and dueAt is not null", until, error, releaseId);
    }

    /** Loads a release for a change, waiting for any instance that is working on it. */
    public Uni<RolloutEntity> findForUpdate(String releaseId) {
        return findById(releaseId, LockModeType.PESSIMISTIC_WRITE);
    }
}
