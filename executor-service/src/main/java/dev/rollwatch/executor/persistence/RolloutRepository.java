package dev.rollwatch.executor.persistence;

import dev.rollwatch.executor.domain.RolloutStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

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
        return getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select * from rollout where due_at <= :now"
                                        + " and (restore_kind is not null or not manual_pause or stage = 'WAIT_READY')"
                                        + " and not (id = any(string_to_array(:skip, ',')))"
                                        + " order by due_at limit 1 for update skip locked",
                                RolloutEntity.class)
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

    /**
     * The release in flight on a Deployment, other than {@code releaseId}: about to start, running, or
     * restoring its stable state. Refused releases change nothing and never count. Null when there is
     * none. Take the Deployment's {@link DeploymentLock} first, so two requests cannot both see none.
     */
    public Uni<RolloutEntity> inFlightOn(String namespace, String deployment, String releaseId) {
        return find(
                        "namespace = :namespace and deployment = :deployment and id <> :id"
                                + " and (restoreKind is not null or (refusal is null and status in :active))"
                                + " order by registeredAt",
                        Parameters.with("namespace", namespace)
                                .and("deployment", deployment)
                                .and("id", releaseId)
                                .and("active", List.of(RolloutStatus.PENDING, RolloutStatus.RUNNING)))
                .firstResult();
    }

    /**
     * The newest release of the same Deployment that the executor registered after {@code release} and
     * did not refuse, or null when there is none: once it exists, the Deployment is no longer
     * {@code release}'s to restore.
     */
    public Uni<RolloutEntity> newestAfter(RolloutEntity release) {
        if (release.deployment == null || release.registeredAt == null) {
            return Uni.createFrom().nullItem();
        }
        return find(
                        "namespace = :namespace and deployment = :deployment and id <> :id"
                                + " and registeredAt > :registeredAt and refusal is null order by registeredAt desc",
                        Parameters.with("namespace", release.namespace)
                                .and("deployment", release.deployment)
                                .and("id", release.id)
                                .and("registeredAt", release.registeredAt))
                .firstResult();
    }
}
