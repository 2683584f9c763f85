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
     * Locks the release that is due soonest, restores first, that no one holds a lease on (SKIP LOCKED:
     * another instance's short transaction on it is not waited for either), or null when nothing is
     * due. A manually paused release is not due unless it waits for readiness or must be restored. Must
     * run inside a transaction, which the caller keeps short: it takes a lease before any Kubernetes call.
     *
     * @param skip      releases already handled in this pass
     * @param restores  whether a release due for a restore may be taken
     * @param others    whether a release due for anything else may be taken
     */
    public Uni<RolloutEntity> lockNextDue(Instant now, Collection<String> skip, boolean restores, boolean others) {
        return getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select * from rollout where due_at <= :now"
                                        + " and (leased_until is null or leased_until <= :now)"
                                        + " and (restore_kind is not null or not manual_pause or stage = 'WAIT_READY')"
                                        + " and ((restore_kind is not null and :restores)"
                                        + " or (restore_kind is null and :others))"
                                        + " and not (id = any(string_to_array(:skip, ',')))"
                                        + " order by restore_kind is null, due_at limit 1 for update skip locked",
                                RolloutEntity.class)
                        .setParameter("now", now)
                        .setParameter("restores", restores)
                        .setParameter("others", others)
                        .setParameter("skip", String.join(",", skip))
                        .getResultList()
                        .map(rows -> rows.isEmpty() ? null : rows.get(0)));
    }

    /**
     * Puts a release's due time back after an unexpected failure and ends the failed claim's lease. A
     * release another claimant took over in the meantime is left to it, and so is a release whose
     * restore pre-empted this claim: its restore is not put back, only the mark that this claim's
     * writes may still land ends (its Kubernetes work is over).
     *
     * @param claimant the failed claim's lease owner, or null when it failed before taking a lease
     */
    public Uni<Integer> postpone(String releaseId, Instant until, String error, String claimant) {
        Parameters postponed =
                Parameters.with("until", until).and("error", error).and("id", releaseId);
        String update =
                "dueAt = :until, lastError = :error, leaseOwner = null, leasedUntil = null, version = version + 1"
                        + " where id = :id and dueAt is not null and ";
        if (claimant == null) {
            return update(update + "leaseOwner is null", postponed);
        }
        return update(update + "leaseOwner = :claimant", postponed.and("claimant", claimant))
                .flatMap(rows -> update(
                                "preemptedOwner = null, preemptedUntil = null where id = :id and preemptedOwner = :claimant",
                                Parameters.with("id", releaseId).and("claimant", claimant))
                        .replaceWith(rows));
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
