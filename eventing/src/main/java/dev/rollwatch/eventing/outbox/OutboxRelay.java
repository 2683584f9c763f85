package dev.rollwatch.eventing.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.rollwatch.eventing.EventingConfig;
import dev.rollwatch.eventing.ReactiveWork;
import dev.rollwatch.events.codec.EventJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox events to Kafka, oldest first, and marks them published only once the
 * broker acknowledged them (acks=all). A crash after publishing and before marking means the events
 * go out again: consumers recognise them by {@code ce_id}. One relay at a time across the service's
 * instances (a PostgreSQL advisory lock keyed by the service's schema), so events of one release are
 * never reordered, and another service's stalled relay never holds this one up. An event Kafka refuses
 * for good is marked failed and the events after it go out; {@link UndeliverableReactions} then lets
 * the service react to it, in transactions of their own.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * Arbitrary, fixed: the seed of the relay's advisory lock, hashed with the service's schema. The
     * services may share one database, and advisory locks are per database: keyed by schema, each
     * service's relays exclude only each other.
     */
    private static final long RELAY_LOCK = 0x526f6c6c77617463L;

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    // Field injection: channel detection at build time only sees emitter fields.
    @Inject
    @Channel("rollwatch-outbox")
    MutinyEmitter<String> emitter;

    private final EventingConfig config;
    private final Vertx vertx;
    private final Clock clock;
    /** Longest {@link #pause()} waits for a pass in progress: a batch's sends time out well within it. */
    private static final Duration PAUSE_WAIT = Duration.ofSeconds(30);

    private final AtomicBoolean paused = new AtomicBoolean(false);
    private volatile ReactiveWork.Poller poller;
    private volatile boolean stopped;
    private final Counter published;
    private final Counter refused;
    private final Counter undeliverable;
    /** Record keys whose oldest pending event Kafka refused, and until when they wait; expired ones are pruned. */
    private final Map<String, Instant> waitingKeys = new ConcurrentHashMap<>();

    OutboxRelay(EventingConfig config, Clock clock, MeterRegistry registry, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
        this.published = Counter.builder("rollwatch.outbox.published")
                .description("Events the outbox relay published to Kafka")
                .register(registry);
        this.refused = Counter.builder("rollwatch.outbox.refused")
                .description("Sends of outbox events Kafka refused; each is tried again")
                .register(registry);
        this.undeliverable = Counter.builder("rollwatch.outbox.undeliverable")
                .description("Outbox events Kafka refused for good (too large, say): marked failed, never sent")
                .register(registry);
    }

    /** Polls every {@code rollwatch.eventing.outbox.poll-interval}: it bounds the latency each hop adds. */
    void onStart(@Observes StartupEvent event) {
        poller = ReactiveWork.poll(
                vertx,
                "Outbox relay",
                config.outbox().pollInterval(),
                () -> !paused.get() && !stopped,
                this::relayBatch);
    }

    /** Stops relaying before the database pool and the producer close under it. */
    void onShutdown(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /** Publishes one batch now, from any thread; returns how many events went out. */
    public Uni<Integer> relayNow() {
        return ReactiveWork.onOwnContext(vertx, this::relayBatch);
    }

    /**
     * Holds publishing until {@link #resume()}; committed events wait in the outbox (e.g. during
     * broker maintenance). Tests use it to leave events committed but unpublished, as a crash would.
     * Returns once a pass that began before it has finished, so nothing goes out after it returns; it
     * blocks, so never call it on an event loop.
     */
    public void pause() {
        paused.set(true);
        if (poller != null) {
            poller.awaitPassDone(PAUSE_WAIT);
        }
    }

    public void resume() {
        paused.set(false);
    }

    private Uni<Integer> relayBatch() {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> tryRelayLock(session)
                        .flatMap(locked -> locked
                                ? publishPending(session)
                                : Uni.createFrom().item(0))));
    }

    /** Takes the service's relay lock for the current transaction if no other instance holds it. */
    static Uni<Boolean> tryRelayLock(Mutiny.Session session) {
        return session.createNativeQuery(
                        "select pg_try_advisory_xact_lock(hashtextextended(current_schema(), :lock))", Boolean.class)
                .setParameter("lock", RELAY_LOCK)
                .getSingleResult();
    }

    private Uni<Integer> publishPending(Mutiny.Session session) {
        Instant now = clock.instant();
        Set<String> waiting = keysWaitingAt(now);
        // A key that is waiting out a refusal is left out, so stuck events never fill the batch.
        Mutiny.SelectionQuery<OutboxEntry> pending = waiting.isEmpty()
                ? session.createNativeQuery(
                        "select * from outbox where published_at is null and failed_at is null "
                                + "order by id limit :limit",
                        OutboxEntry.class)
                : session.createNativeQuery(
                                "select * from outbox where published_at is null and failed_at is null "
                                        + "and record_key not in (:waiting) order by id limit :limit",
                                OutboxEntry.class)
                        .setParameter("waiting", waiting);
        return pending.setParameter("limit", config.outbox().batchSize())
                .getResultList()
                .flatMap(entries -> entries.isEmpty()
                        ? Uni.createFrom().item(0)
                        : sendAll(entries, now).chain(sent -> record(session, sent)));
    }

    /** The keys still waiting out a refusal at {@code now}; those whose wait is over are forgotten. */
    Set<String> keysWaitingAt(Instant now) {
        waitingKeys.values().removeIf(until -> !now.isBefore(until));
        return Set.copyOf(waitingKeys.keySet());
    }

    /**
     * Sends the batch and returns what became of each entry. Different keys go out together; within a
     * key each event waits for the one before it to be acknowledged, and after a refused one nothing of
     * that key is sent: the key waits {@code refused-retry}, then goes again from the refused event. So a
     * release's events keep their order, other releases are not held back, and nothing acknowledged is
     * sent again because another event failed. An event refused for good does not hold its key: it is
     * set aside and the next one goes.
     */
    Uni<Sent> sendAll(List<OutboxEntry> entries, Instant now) {
        Map<String, Uni<Outcome>> lastOfKey = new HashMap<>();
        List<Uni<Outcome>> outcomes = new ArrayList<>();
        for (OutboxEntry entry : entries) {
            Uni<Outcome> previous = lastOfKey.get(entry.recordKey);
            Uni<Outcome> outcome = (previous == null
                            ? sendAndJudge(entry, now)
                            : previous.chain(before -> before.holdsKey()
                                    ? Uni.createFrom().item(Outcome.held())
                                    : sendAndJudge(entry, now)))
                    // Subscribed by the join and by the key's next event: sent once.
                    .memoize()
                    .indefinitely();
            lastOfKey.put(entry.recordKey, outcome);
            outcomes.add(outcome);
        }
        return Uni.join().all(outcomes).andFailFast().map(results -> Sent.of(entries, results));
    }

    private Uni<Outcome> sendAndJudge(OutboxEntry entry, Instant now) {
        Map<String, String> headers;
        try {
            headers = readHeaders(entry);
        } catch (IllegalStateException unreadable) {
            return Uni.createFrom().item(Outcome.undeliverable("its stored CloudEvents headers cannot be read"));
        }
        return Uni.createFrom()
                .deferred(() -> send(entry, headers))
                .replaceWith(Outcome.ok())
                .onFailure()
                .recoverWithItem(failure -> {
                    String permanent = PermanentRefusals.reasonFor(failure);
                    if (permanent != null) {
                        return Outcome.undeliverable(permanent);
                    }
                    Duration wait = config.outbox().refusedRetry();
                    waitingKeys.put(entry.recordKey, now.plus(wait));
                    refused.increment();
                    LOG.warnf(
                            "Kafka refused outbox entry %d (%s to %s, key %s); the key's events go again in %s: %s",
                            entry.id, entry.eventId, entry.topic, entry.recordKey, wait, failure.toString());
                    return Outcome.held();
                });
    }

    private Uni<Void> send(OutboxEntry entry, Map<String, String> ceHeaders) {
        RecordHeaders headers = new RecordHeaders();
        ceHeaders.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(entry.topic)
                .withKey(entry.recordKey)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(entry.payload).addMetadata(metadata));
    }

    /**
     * Marks what Kafka acknowledged as published and what it refused for good as failed. Nothing else
     * runs in this transaction: a service's reaction to a failed event (which may itself fail) must never
     * roll the marks back, or the batch would be sent again and again.
     */
    private Uni<Integer> record(Mutiny.Session session, Sent sent) {
        Instant now = clock.instant();
        published.increment(sent.acknowledged().size());
        sent.undeliverable().forEach((entry, reason) -> {
            entry.failedAt = now;
            entry.failure = reason;
            undeliverable.increment();
            LOG.errorf(
                    "Outbox entry %d (%s to %s, key %s) can never be published: %s; it is set aside and the"
                            + " key's later events go on",
                    entry.id, entry.eventId, entry.topic, entry.recordKey, reason);
        });
        return markPublished(session, sent.acknowledged(), now)
                .call(session::flush)
                .replaceWith(sent.acknowledged().size());
    }

    /**
     * One statement for the whole batch: marked entity by entity, a burst's 500 updates were 500 round
     * trips while the relay held its lock and the next events waited.
     */
    private static Uni<Void> markPublished(Mutiny.Session session, List<OutboxEntry> acknowledged, Instant now) {
        if (acknowledged.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Long> ids = acknowledged.stream().map(entry -> entry.id).toList();
        return session.createNativeQuery("update outbox set published_at = :now where id in (:ids)")
                .setParameter("now", now)
                .setParameter("ids", ids)
                .executeUpdate()
                .replaceWithVoid();
    }

    static Map<String, String> readHeaders(OutboxEntry entry) {
        try {
            return EventJson.mapper().readValue(entry.headers, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox entry " + entry.id + " has unreadable headers", e);
        }
    }

    /** What became of one entry's send. */
    record Outcome(boolean acknowledged, String undeliverableReason) {

        static Outcome ok() {
            return new Outcome(true, null);
        }

        /** Refused for now, or not sent because an earlier event of its key was: the key waits. */
        static Outcome held() {
            return new Outcome(false, null);
        }

        static Outcome undeliverable(String reason) {
            return new Outcome(false, reason);
        }

        /** Whether the key's later events must wait for this one. */
        boolean holdsKey() {
            return !acknowledged && undeliverableReason == null;
        }
    }

    /** A batch's result: the entries Kafka acknowledged, and those refused for good with the reason. */
    record Sent(List<OutboxEntry> acknowledged, Map<OutboxEntry, String> undeliverable) {

        static Sent of(List<OutboxEntry> entries, List<Outcome> outcomes) {
            List<OutboxEntry> acknowledged = new ArrayList<>();
            Map<OutboxEntry, String> undeliverable = new LinkedHashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                Outcome outcome = outcomes.get(i);
                if (outcome.acknowledged()) {
                    acknowledged.add(entries.get(i));
                } else if (outcome.undeliverableReason() != null) {
                    undeliverable.put(entries.get(i), outcome.undeliverableReason());
                }
            }
            return new Sent(List.copyOf(acknowledged), undeliverable);
        }
    }
}
