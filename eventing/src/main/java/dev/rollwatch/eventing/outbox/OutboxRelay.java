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
import java.util.HashSet;
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
 * go out again: consumers recognise them by {@code ce_id}. One relay at a time across all instances
 * (a PostgreSQL advisory lock), so events of one release are never reordered.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary, fixed: identifies the relay's advisory lock within the service's database. */
    private static final long RELAY_LOCK = 0x526f6c6c77617463L;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

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
    /** Entries Kafka refused, by id, and when they may go again. Only ever holds refused, unpublished ones. */
    private final Map<Long, Instant> refusedUntil = new ConcurrentHashMap<>();

    OutboxRelay(EventingConfig config, Clock clock, MeterRegistry registry, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
        this.published = Counter.builder("rollwatch.outbox.published")
                .description("Events the outbox relay published to Kafka").register(registry);
        this.refused = Counter.builder("rollwatch.outbox.refused")
                .description("Sends of outbox events Kafka refused; each is tried again").register(registry);
    }

    /** Polls every {@code rollwatch.eventing.outbox.poll-interval}: it bounds the latency each hop adds. */
    void onStart(@Observes StartupEvent event) {
        ReactiveWork.poll(vertx, "Outbox relay", config.outbox().pollInterval(),
                () -> !paused.get() && !stopped, this::relayBatch);
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
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(:lock)", Boolean.class)
                .setParameter("lock", RELAY_LOCK)
                .getSingleResult()
                .flatMap(locked -> locked ? publishPending(session) : Uni.createFrom().item(0))));
    }

    private Uni<Integer> publishPending(Mutiny.Session session) {
        return session.createNativeQuery(
                        "select * from outbox where published_at is null order by id limit :limit", OutboxEntry.class)
                .setParameter("limit", config.outbox().batchSize())
                .getResultList()
                .flatMap(entries -> entries.isEmpty()
                        ? Uni.createFrom().item(0)
                        : sendAll(entries).chain(acknowledged -> markPublished(session, acknowledged)));
    }

    /**
     * Sends the batch and returns the entries to mark published: those Kafka acknowledged, except any
     * after an unsent one of the same record key. A refused entry waits a while, then goes again with
     * those behind it, so a release's events keep their order; other releases' events are not held
     * back, and nothing acknowledged is sent again because of another entry's failure.
     */
    private Uni<List<OutboxEntry>> sendAll(List<OutboxEntry> entries) {
        Instant now = clock.instant();
        Set<String> waitingKeys = new HashSet<>();
        // Subscribed in order: the idempotent producer keeps that order per partition.
        List<Uni<Outcome>> sends = new ArrayList<>();
        for (OutboxEntry entry : entries) {
            Instant retryAt = refusedUntil.get(entry.id);
            if (waitingKeys.contains(entry.recordKey) || (retryAt != null && now.isBefore(retryAt))) {
                waitingKeys.add(entry.recordKey);
                sends.add(Uni.createFrom().item(Outcome.WAITING));
            } else {
                sends.add(send(entry).replaceWith(Outcome.ACKNOWLEDGED)
                        .onFailure().recoverWithItem(failure -> refused(entry, failure, now)));
            }
        }
        return Uni.join().all(sends).andFailFast().map(outcomes -> acknowledgedInOrder(entries, outcomes));
    }

    private Outcome refused(OutboxEntry entry, Throwable failure, Instant now) {
        Duration wait = config.outbox().refusedRetry();
        refusedUntil.put(entry.id, now.plus(wait));
        refused.increment();
        LOG.warnf("Kafka refused outbox entry %d (%s to %s, key %s); it and its key's later events go again in %s: %s",
                entry.id, entry.eventId, entry.topic, entry.recordKey, wait, failure.toString());
        return Outcome.REFUSED;
    }

    private static List<OutboxEntry> acknowledgedInOrder(List<OutboxEntry> entries, List<Outcome> outcomes) {
        Set<String> heldBack = new HashSet<>();
        List<OutboxEntry> acknowledged = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            OutboxEntry entry = entries.get(i);
            if (outcomes.get(i) != Outcome.ACKNOWLEDGED) {
                heldBack.add(entry.recordKey);
            } else if (!heldBack.contains(entry.recordKey)) {
                acknowledged.add(entry);
            }
        }
        return acknowledged;
    }

    private enum Outcome {
        ACKNOWLEDGED, REFUSED, WAITING
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
        entries.forEach(e -> {
            e.publishedAt = now;
            refusedUntil.remove(e.id);
        });
        published.increment(entries.size());
        return session.flush().replaceWith(entries.size());
    }

    private static Map<String, String> readHeaders(OutboxEntry entry) {
        try {
            return EventJson.mapper().readValue(entry.headers, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox entry " + entry.id + " has unreadable headers", e);
        }
    }
}
