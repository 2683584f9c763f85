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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Publishes committed outbox events to Kafka, oldest first, and marks them published only once the
 * broker acknowledged them (acks=all). A crash after publishing and before marking means the events
 * go out again: consumers recognise them by {@code ce_id}. One relay at a time across all instances
 * (a PostgreSQL advisory lock), so events of one release are never reordered.
 */
@ApplicationScoped
public class OutboxRelay {

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

    OutboxRelay(EventingConfig config, Clock clock, MeterRegistry registry, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
        this.published = Counter.builder("rollwatch.outbox.published")
                .description("Events the outbox relay published to Kafka").register(registry);
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
                        : sendAll(entries).chain(() -> markPublished(session, entries)));
    }

    private Uni<Void> sendAll(List<OutboxEntry> entries) {
        // Subscribed in order: the idempotent producer keeps that order per partition.
        List<Uni<Void>> sends = entries.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
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
        Instant now = clock.instant();
        entries.forEach(e -> e.publishedAt = now);
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
