package dev.rollwatch.executor.persistence;

import dev.rollwatch.eventing.AdvisoryLock;
import io.smallrye.mutiny.Uni;

/**
 * Serialises what decides who owns a Deployment: a release's request (may it start?) and a rollback
 * decision (is the Deployment still this release's to restore?). Releases of one Deployment have
 * different ids, so their records land on different partitions and may be handled at the same time,
 * possibly by two instances; without this lock both could see "no other release" and go ahead. A
 * PostgreSQL transaction-level advisory lock: released at commit or rollback. Take the release's row
 * lock first and this one second, everywhere, so two transactions never wait for each other in a circle.
 */
public final class DeploymentLock {

    /** Separates these locks from the release locks and any other advisory lock. */
    private static final long NAMESPACE = 0x524c4450L;

    private DeploymentLock() {}

    /** Waits for the Deployment's lock in the current transaction. */
    public static Uni<Void> acquire(String namespace, String deployment) {
        return AdvisoryLock.acquire(NAMESPACE, namespace + "/" + deployment);
    }
}
