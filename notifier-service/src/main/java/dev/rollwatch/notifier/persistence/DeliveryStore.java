package dev.rollwatch.notifier.persistence;

import dev.rollwatch.notifier.channel.ThreadRef;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The delivery log, the remote references of each release's conversations, and the shared rate
 * slots. Every method runs in the caller's session or transaction.
 */
@ApplicationScoped
public class DeliveryStore {

    public Uni<Void> persist(Delivery delivery) {
        return Panache.getSession().flatMap(session -> session.persist(delivery));
    }

    /**
     * Marks parent updates that a later pending update of the same thread makes pointless: the parent
     * shows a state, and only the latest state matters. Leased ones (in flight) are left alone.
     */
    public Uni<Integer> supersedeStaleUpdates(Instant now) {
        return session()
                .flatMap(session ->
                        session.createNativeQuery("""
                update delivery d set status = 'SUPERSEDED', finished_at = :now
                 where d.status = 'PENDING' and d.kind = 'PARENT_UPDATE'
                   and (d.lease_until is null or d.lease_until < :now)
                   and exists (select 1 from delivery l where l.ordering_key = d.ordering_key
                               and l.status = 'PENDING' and l.kind = 'PARENT_UPDATE' and l.id > d.id)
                """).setParameter("now", now).executeUpdate());
    }

    /**
     * Due deliveries that head their ordering key (nothing earlier for the same release and target
     * is still pending), locked for this transaction; rows another instance holds are skipped. Rows of
     * a receiver with {@code perReceiver} attempts in flight are left out, so that they cannot fill the
     * batch ahead of other receivers'; webhooks are left out when {@code webhooks} is false.
     */
    public Uni<List<Delivery>> dueHeads(Instant now, int limit, int perReceiver, boolean webhooks) {
        return session()
                .flatMap(session -> session.createNativeQuery("""
                select d.* from delivery d
                 where d.status = 'PENDING' and d.due_at <= :now
                   and (d.lease_until is null or d.lease_until < :now)
                   and not exists (select 1 from delivery e where e.ordering_key = d.ordering_key
                                   and e.status = 'PENDING' and e.id < d.id)
                   and (:webhooks or d.channel <> 'webhook')
                   and (d.rate_key is null or (select count(*) from delivery b where b.rate_key = d.rate_key
                        and b.status = 'PENDING' and b.lease_until >= :now) < :perReceiver)
                 order by d.due_at, d.id
                 limit :limit
                 for update of d skip locked
                """, Delivery.class)
                        .setParameter("now", now)
                        .setParameter("limit", limit)
                        .setParameter("webhooks", webhooks)
                        .setParameter("perReceiver", perReceiver)
                        .getResultList());
    }

    /** Attempts in flight (leased) to one receiver, over all instances, this transaction's leases included. */
    /**
     * Locks a receiver's rate slot row (made on first use, free) until the transaction ends, so that
     * counting its deliveries in flight and leasing one more is one step across all instances: two
     * instances counting at once could otherwise both see room for the last one.
     */
    public Uni<Void> lockReceiver(String rateKey) {
        return session()
                .flatMap(session -> session.createNativeQuery(
                                "insert into rate_slot (rate_key, next_at) values (:key, '-infinity')"
                                        + " on conflict (rate_key) do nothing")
                        .setParameter("key", rateKey)
                        .executeUpdate()
                        .chain(inserted -> session.createNativeQuery(
                                        "select rate_key from rate_slot where rate_key = :key for update")
                                .setParameter("key", rateKey)
                                .getResultList()))
                .replaceWithVoid();
    }

    public Uni<Long> inFlight(String rateKey, Instant now) {
        return session()
                .flatMap(session -> session.createNativeQuery("""
                select count(*) from delivery
                 where rate_key = :key and status = 'PENDING' and lease_until >= :now
                """, Long.class)
                        .setParameter("key", rateKey)
                        .setParameter("now", now)
                        .getSingleResult());
    }

    /**
     * Takes the rate slot of a key when it is free (its next time has come), moving it to {@code next};
     * atomic across instances. False when another send holds it.
     */
    public Uni<Boolean> takeSlot(String rateKey, Instant now, Instant next) {
        return session()
                .flatMap(session -> session.createNativeQuery("""
                insert into rate_slot (rate_key, next_at) values (:key, :next)
                on conflict (rate_key) do update set next_at = excluded.next_at where rate_slot.next_at <= :now
                """)
                        .setParameter("key", rateKey)
                        .setParameter("next", next)
                        .setParameter("now", now)
                        .executeUpdate()
                        .map(rows -> rows == 1));
    }

    /** Makes the delivery due when the rate slot it waits for frees up. */
    public Uni<Void> deferToSlot(long id, String rateKey) {
        return session()
                .flatMap(session -> session.createNativeQuery("""
                update delivery set due_at = (select next_at from rate_slot where rate_key = :key) where id = :id
                """)
                        .setParameter("key", rateKey)
                        .setParameter("id", id)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Pushes a rate slot back, e.g. to a 429's Retry-After; never forward. */
    public Uni<Void> holdSlot(String rateKey, Instant until) {
        return session()
                .flatMap(session -> session.createNativeQuery("""
                insert into rate_slot (rate_key, next_at) values (:key, :until)
                on conflict (rate_key) do update set next_at = greatest(rate_slot.next_at, excluded.next_at)
                """)
                        .setParameter("key", rateKey)
                        .setParameter("until", until)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> lease(long id, Instant until) {
        return session()
                .flatMap(session -> session.createNativeQuery(
                                "update delivery set lease_until = :until, attempts = attempts + 1 where id = :id")
                        .setParameter("until", until)
                        .setParameter("id", id)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<ThreadRef> thread(String releaseId, String targetKey) {
        return session()
                .flatMap(session -> session.createNativeQuery(
                                "select channel_ref, thread_ref from delivery_thread where release_id = :release and target_key = :key",
                                Object[].class)
                        .setParameter("release", releaseId)
                        .setParameter("key", targetKey)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : new ThreadRef((String) rows.get(0)[0], (String) rows.get(0)[1]));
    }

    public Uni<Void> saveThread(String releaseId, String targetKey, ThreadRef thread, Instant now) {
        return session()
                .flatMap(session -> session.createNativeQuery("""
                insert into delivery_thread (release_id, target_key, channel_ref, thread_ref, updated_at)
                values (:release, :key, :channel, :thread, :now)
                on conflict (release_id, target_key) do update
                   set channel_ref = excluded.channel_ref, thread_ref = excluded.thread_ref, updated_at = excluded.updated_at
                """)
                        .setParameter("release", releaseId)
                        .setParameter("key", targetKey)
                        .setParameter("channel", String.valueOf(thread.channelRef()))
                        .setParameter("thread", String.valueOf(thread.threadRef()))
                        .setParameter("now", now)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The event a delivery is about: its structured JSON and CloudEvents type. */
    public Uni<Object[]> event(UUID eventId) {
        return session()
                .flatMap(session -> session.createNativeQuery(
                                "select structured, ce_type from notification_event where event_id = :id",
                                Object[].class)
                        .setParameter("id", eventId)
                        .getSingleResultOrNull());
    }

    /** Whether attempt number {@code attempt} still holds the delivery (no later attempt took it over). */
    public Uni<Boolean> holds(long id, int attempt) {
        return session()
                .flatMap(session -> session.createNativeQuery(
                                "select count(*) from delivery where id = :id and attempts = :attempt and status = 'PENDING'",
                                Long.class)
                        .setParameter("id", id)
                        .setParameter("attempt", attempt)
                        .getSingleResult())
                .map(count -> count == 1);
    }

    /**
     * Ends the delivery with the outcome of its attempt number {@code attempt}. False when that attempt
     * no longer holds it (it outlived its lease and a later attempt took over): its outcome is dropped.
     */
    public Uni<Boolean> finish(long id, int attempt, Delivery.Status status, Instant now, String error) {
        return session()
                .flatMap(session -> session.createNativeQuery("""
                update delivery set status = :status, finished_at = :now, lease_until = null,
                       last_error = nullif(:error, '')
                 where id = :id and attempts = :attempt and status = 'PENDING'
                """)
                        .setParameter("status", status.name())
                        .setParameter("now", now)
                        .setParameter("error", error == null ? "" : error)
                        .setParameter("id", id)
                        .setParameter("attempt", attempt)
                        .executeUpdate())
                .map(rows -> rows == 1);
    }

    /**
     * Schedules another attempt after attempt number {@code attempt}; false when that attempt no longer
     * holds the delivery. A rate-limited attempt gives its attempt back: waiting because the service was
     * busy is not a failure and must never exhaust the retries. Its total wait is bounded instead, from
     * the first rate limit, which is remembered here.
     */
    public Uni<Boolean> retryAt(long id, int attempt, Instant due, String error, boolean rateLimited, Instant now) {
        return session()
                .flatMap(session -> session.createNativeQuery("""
                update delivery set due_at = :due, lease_until = null, last_error = :error,
                       attempts = greatest(0, attempts - :refund),
                       rate_limited_since = case when :refund = 1 then coalesce(rate_limited_since, :now)
                                                 else rate_limited_since end
                 where id = :id and attempts = :attempt and status = 'PENDING'
                """)
                        .setParameter("due", due)
                        .setParameter("error", error)
                        .setParameter("refund", rateLimited ? 1 : 0)
                        .setParameter("now", now)
                        .setParameter("id", id)
                        .setParameter("attempt", attempt)
                        .executeUpdate())
                .map(rows -> rows == 1);
    }

    /** Pending deliveries and the age in seconds of the oldest due one, for the backlog gauges. */
    public Uni<long[]> backlog(Instant now) {
        return session()
                .flatMap(session -> session.createNativeQuery("""
                select count(*), coalesce(extract(epoch from (:now - min(due_at)))::bigint, 0)
                  from delivery where status = 'PENDING'
                """, Object[].class)
                        .setParameter("now", now)
                        .getSingleResult())
                .map(row -> new long[] {((Number) row[0]).longValue(), Math.max(0, ((Number) row[1]).longValue())});
    }

    /** Forgets finished deliveries, planned events and quiet releases older than {@code before}. */
    public Uni<Void> purge(Instant before) {
        return session()
                .flatMap(session -> session.createNativeQuery(
                                "delete from delivery where status <> 'PENDING' and finished_at < :before")
                        .setParameter("before", before)
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery("""
                        delete from notification_event e where e.received_at < :before
                           and not exists (select 1 from delivery d where d.event_id = e.event_id)
                        """)
                                .setParameter("before", before)
                                .executeUpdate())
                        .chain(() -> session.createNativeQuery("""
                        delete from delivery_thread t where not exists (select 1 from delivery d
                            where d.release_id = t.release_id) and t.updated_at < :before
                        """)
                                .setParameter("before", before)
                                .executeUpdate())
                        .chain(() -> session.createNativeQuery("""
                        delete from notified_release r where r.updated_at < :before
                           and not exists (select 1 from delivery d where d.release_id = r.release_id)
                        """)
                                .setParameter("before", before)
                                .executeUpdate())
                        // One slot per webhook receiver ever seen: forgotten once long free.
                        .chain(() -> session.createNativeQuery("delete from rate_slot where next_at < :before")
                                .setParameter("before", before)
                                .executeUpdate()))
                .replaceWithVoid();
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
