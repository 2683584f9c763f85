package dev.rollwatch.eventing.consumer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code parked_events} table. Each release (record key) has one queue per topic: its unresolved rows
 * in id order, the first of which is the one replayed; the rest wait behind it. Every method runs in the
 * caller's session or transaction.
 */
@ApplicationScoped
class ParkedEvents {

    /** Longest failure text kept; a stack of causes can be long, the log has the rest. */
    static final int MAX_FAILURE = 2000;

    private final Clock clock;

    ParkedEvents(Clock clock) {
        this.clock = clock;
    }

    /** Whether the release's events on this topic wait behind a parked event. */
    Uni<Boolean> isWaiting(String topic, String key) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select exists (select 1 from parked_events where topic = :topic"
                                        + " and record_key = :key and resolved_at is null)",
                                Boolean.class)
                        .setParameter("topic", topic)
                        .setParameter("key", key)
                        .getSingleResult());
    }

    /**
     * Parks the record at the end of its release's queue, due at {@code nextAttempt}; a redelivery of an
     * event already parked (or parked and since resolved) changes nothing.
     */
    Uni<Void> park(ParkedRecord record, String failure, Instant nextAttempt) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("insert into parked_events (event_id, topic, channel,"
                                + " record_key, event_type, headers, payload, source_partition, source_offset,"
                                + " parked_at, failure, next_attempt_at) values (:eventId, :topic, :channel, :key,"
                                + " :type, :headers, :payload, :partition, :offset, :now, :failure, :next)"
                                + " on conflict (event_id) do nothing")
                        .setParameter("eventId", record.eventId())
                        .setParameter("topic", record.topic())
                        .setParameter("channel", record.channel())
                        .setParameter("key", record.key())
                        .setParameter("type", record.type())
                        .setParameter("headers", record.headersJson())
                        .setParameter("payload", record.payload())
                        .setParameter("partition", record.partition())
                        .setParameter("offset", record.offset())
                        .setParameter("now", clock.instant())
                        .setParameter("failure", cut(failure))
                        .setParameter("next", nextAttempt)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The parked event, locked for this transaction, if it is still unresolved and first of its queue;
     * null when it was resolved meanwhile, is not first, or another instance is replaying it.
     */
    Uni<ParkedEvent> lockIfFirst(long id) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select * from parked_events p where p.id = :id and p.resolved_at is null"
                                        + " and p.id = (select min(q.id) from parked_events q where q.topic = p.topic"
                                        + " and q.record_key = p.record_key and q.resolved_at is null)"
                                        + " for update skip locked",
                                ParkedEvent.class)
                        .setParameter("id", id)
                        .getResultList())
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** Takes the event off its queue: {@code replayed}, {@code discarded} or {@code refused}. */
    Uni<Void> resolve(long id, String resolution, String note) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("update parked_events set resolved_at = :now,"
                                + " resolution = :resolution, resolution_note = :note"
                                + " where id = :id and resolved_at is null")
                        .setParameter("now", clock.instant())
                        .setParameter("resolution", resolution)
                        .setParameter("note", cut(note))
                        .setParameter("id", id)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Records a failed replay: its failure, one more attempt, and when it is tried next. */
    Uni<Void> failedAgain(long id, String failure, Instant nextAttempt) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("update parked_events set failure = :failure,"
                                + " attempts = attempts + 1, next_attempt_at = :next"
                                + " where id = :id and resolved_at is null")
                        .setParameter("failure", cut(failure))
                        .setParameter("next", nextAttempt)
                        .setParameter("id", id)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The first event of each queue that is due, oldest first. */
    Uni<List<ParkedEvent>> dueFirsts(int limit) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select * from parked_events p where p.resolved_at is null"
                                        + " and p.next_attempt_at <= :now and not exists (select 1 from"
                                        + " parked_events q where q.topic = p.topic and q.record_key = p.record_key"
                                        + " and q.resolved_at is null and q.id < p.id) order by p.id limit :limit",
                                ParkedEvent.class)
                        .setParameter("now", clock.instant())
                        .setParameter("limit", limit)
                        .getResultList());
    }

    /** The first unresolved event of a queue, or null when the queue is empty. */
    Uni<ParkedEvent> firstOf(String topic, String key) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select * from parked_events where topic = :topic and record_key = :key"
                                        + " and resolved_at is null order by id limit 1",
                                ParkedEvent.class)
                        .setParameter("topic", topic)
                        .setParameter("key", key)
                        .getResultList())
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    /**
     * Makes the first event of a release's queue due now, when another event of the release joins the
     * queue: the release is moving again (a rollback's second attempt, an operator's command), so the
     * cause may be gone, and the events waiting behind it should not wait out its backoff.
     */
    Uni<Integer> headDueNow(String topic, String key) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("update parked_events set next_attempt_at = :now"
                                + " where resolved_at is null and next_attempt_at > :now and id = (select min(q.id)"
                                + " from parked_events q where q.topic = :topic and q.record_key = :key"
                                + " and q.resolved_at is null)")
                        .setParameter("now", clock.instant())
                        .setParameter("topic", topic)
                        .setParameter("key", key)
                        .executeUpdate());
    }

    /** Makes every parked event due now: a new deployment may have fixed what failed. */
    Uni<Integer> allDueNow() {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("update parked_events set next_attempt_at = :now"
                                + " where resolved_at is null and next_attempt_at > :now")
                        .setParameter("now", clock.instant())
                        .executeUpdate());
    }

    /** Unresolved events per topic. */
    Uni<Map<String, Long>> waitingByTopic() {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select topic, count(*) from parked_events where resolved_at is null group by topic",
                                Object[].class)
                        .getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
                    return counts;
                });
    }

    /** Forgets resolved events older than {@code retention}. */
    Uni<Integer> purgeResolved(Duration retention) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("delete from parked_events where resolved_at < :before")
                        .setParameter("before", clock.instant().minus(retention))
                        .executeUpdate());
    }

    static String cut(String text) {
        return text == null || text.length() <= MAX_FAILURE ? text : text.substring(0, MAX_FAILURE);
    }
}
