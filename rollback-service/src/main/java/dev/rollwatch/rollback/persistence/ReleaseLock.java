package dev.rollwatch.rollback.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Serialises all work on one release's decision across topics, timers and instances: a transaction
 * advisory lock on the release id, held until commit. Signals on health.degraded and aborts on
 * release.commands are consumed concurrently (and perhaps by different instances); under the lock each
 * sees the other's committed decision, so the second one is only recorded. The decision's primary key
 * remains the final guarantee.
 */
@ApplicationScoped
public class ReleaseLock {

    /**
     * Key space of these locks: the two-key form never collides with single-key advisory locks such as
     * the outbox relay's.
     */
    private static final int DECISION_LOCKS = 0x52424b31;

    /** Takes the release's lock in the current transaction; must run inside {@code Panache.withTransaction}. */
    public Uni<Void> lock(String releaseId) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("select 1 from pg_advisory_xact_lock(:space, hashtext(:release))", Integer.class)
                .setParameter("space", DECISION_LOCKS)
                .setParameter("release", releaseId)
                .getSingleResult()).replaceWithVoid();
    }
}
