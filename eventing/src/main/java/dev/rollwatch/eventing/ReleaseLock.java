package dev.rollwatch.eventing;

import io.smallrye.mutiny.Uni;

/**
 * Serialises the work of one release across topics and instances. Each topic is consumed on its own,
 * so two records about the same release (say a step and the request it belongs to) can be processed
 * at the same time by two channels; a transaction that reads what the other writes takes this lock
 * first. It is a PostgreSQL transaction-level advisory lock: released at commit or rollback.
 */
public final class ReleaseLock {

    /** Separates these locks from any other advisory lock the service takes. */
    private static final long NAMESPACE = 0x524c5345L;

    private ReleaseLock() {}

    /** Waits for the release's lock in the current transaction. */
    public static Uni<Void> acquire(String releaseId) {
        return AdvisoryLock.acquire(NAMESPACE, releaseId);
    }
}
