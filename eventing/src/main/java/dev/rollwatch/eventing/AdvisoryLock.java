package dev.rollwatch.eventing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A PostgreSQL transaction-level advisory lock on a text key: held until the current transaction
 * commits or rolls back. Each kind of lock has its own {@code namespace} (the hash seed), so keys of
 * different kinds never collide. The key is hashed with the service's schema: the services may share
 * one database, where advisory locks live, and one service's lock on a release must never make another
 * service's consumers wait.
 */
public final class AdvisoryLock {

    private AdvisoryLock() {}

    /** Waits for this service's lock on {@code key} in {@code namespace} within the current transaction. */
    public static Uni<Void> acquire(long namespace, String key) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select pg_advisory_xact_lock(hashtextextended(current_schema() || '/' || :key, :namespace))")
                        .setParameter("key", key)
                        .setParameter("namespace", namespace)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
