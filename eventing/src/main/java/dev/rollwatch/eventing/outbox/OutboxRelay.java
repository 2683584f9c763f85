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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox events to Kafka, oldest first, and marks them published only once the
 * broker acknowledged them (acks=all). A crash after publishing and before marking means the events
 * go out again: consumers recognise them by {@code ce_id}. One relay at a time across all instances
 * (a PostgreSQL advisory lock), so events of one release are never reordered.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary, fixed: identifies the relay's advisory lock within the service's database. */
    private static final long RELAY_LOCK = 0x526f6c6c77617463L;

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    // Field injection: channel detection at build time only sees emitter fields.
    @Inject
    @Channel("rollwatch-outbox")
    MutinyEmitter<String> emitter;

    private final EventingConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private final AtomicBoolean paused = new AtomicBoolean(false);
    private volatile boolean stopped;
    private final Counter published;
    private final Counter refused;
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
    }

    /** Polls every {@code rollwatch.eventing.outbox.poll-interval}: it bounds the latency each hop adds. */
    void onStart(@Observes StartupEvent event) {
        ReactiveWork.poll(
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
     */
    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
    }

    private Uni<Integer> relayBatch() {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select pg_try_advisory_xact_lock(:lock)", Boolean.class)
                        .setParameter("lock", RELAY_LOCK)
                        .getSingleResult()
                        .flatMap(locked -> locked
                                ? publishPending(session)
                                : Uni.createFrom().item(0))));
    }

    private Uni<Integer> publishPending(Mutiny.Session session) {
        Instant now = clock.instant();
        Set<String> waiting = keysWaitingAt(now);
        // A key that is waiting out a refusal is left out, so stuck events never fill the batch.
        Mutiny.SelectionQuery<OutboxEntry> pending = waiting.isEmpty()
                ? session.createNativeQuery(
                        "select * from outbox where published_at is null order by id limit :limit", OutboxEntry.class)
                : session.createNativeQuery(
                                "select * from outbox where published_at is null "
                                        + "and record_key not in (:waiting) order by id limit :limit",
                                OutboxEntry.class)
                        .setParameter("waiting", waiting);
        return pending.setParameter("limit", config.outbox().batchSize())
                .getResultList()
                .flatMap(entries -> entries.isEmpty()
                        ? Uni.createFrom().item(0)
                        : sendAll(entries, now).chain(acknowledged -> markPublished(session, acknowledged)));
    }

    /** The keys still waiting out a refusal at {@code now}; those whose wait is over are forgotten. */
    Set<String> keysWaitingAt(Instant now) {
        waitingKeys.values().removeIf(until -> !now.isBefore(until));
        return Set.copyOf(waitingKeys.keySet());
    }

    /**
     * Sends the batch and returns the entries Kafka acknowledged. Different keys go out together; within
     * a key each event waits for the one before it to be acknowledged, and after a refused one nothing of
     * that key is sent: the key waits {@code refused-retry}, then goes again from the refused event. So a
     * release's events keep their order, other releases are not held back, and nothing acknowledged is
     * sent again because another event failed.
     */
    Uni<List<OutboxEntry>> sendAll(List<OutboxEntry> entries, Instant now) {
        Map<String, Uni<Boolean>> lastOfKey = new HashMap<>();
        List<Uni<Boolean>> acknowledged = new ArrayList<>();
        for (OutboxEntry entry : entries) {
            Uni<Boolean> previous = lastOfKey.get(entry.recordKey);
            Uni<Boolean> outcome = (previous == null
                            ? sendAndJudge(entry, now)
                            : previous.chain(ok -> ok
                                    ? sendAndJudge(entry, now)
                                    : Uni.createFrom().item(false)))
                    // Subscribed by the join and by the key's next event: sent once.
                    .memoize()
                    .indefinitely();
            lastOfKey.put(entry.recordKey, outcome);
            acknowledged.add(outcome);
        }
        return Uni.join()
                .all(acknowledged)
                .andFailFast()
                .map(results -> IntStream.range(0, entries.size())
                        .filter(results::get)
                        .mapToObj(entries::get)
                        .toList());
    }

    private Uni<Boolean> sendAndJudge(OutboxEntry entry, Instant now) {
        return Uni.createFrom()
                .deferred(() -> send(entry))
                .replaceWith(true)
                .onFailure()
                .recoverWithItem(failure -> {
                    Duration wait = config.outbox().refusedRetry();
                    waitingKeys.put(entry.recordKey, now.plus(wait));
                    refused.increment();
                    LOG.warnf(
                            "Kafka refused outbox entry %d (%s to %s, key %s); the key's events go again in %s: %s",
                            entry.id, entry.eventId, entry.topic, entry.recordKey, wait, failure.toString());
                    return false;
                });
    }

    private Uni<Void> send(OutboxEntry entry) {
        RecordHeaders headers = new RecordHeaders();
        readHeaders(entry).forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(entry.topic)
                .withKey(entry.recordKey)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(entry.payload).addMetadata(metadata));
    }

    private Uni<Integer> markPublished(Mutiny.Session session, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Instant now = clock.instant();
        entries.forEach(e -> e.publishedAt = now);
        published.increment(entries.size());
        return session.flush().replaceWith(entries.size());
    }

    static Map<String, String> readHeaders(OutboxEntry entry) {
        try {
            return EventJson.mapper().readValue(entry.headers, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox entry " + entry.id + " has unreadable headers", e);
        }
    }
}
