package dev.rollwatch.eventing.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.rollwatch.eventing.EventingConfig;
import dev.rollwatch.events.codec.EventJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
    private final Clock clock;
    private final AtomicBoolean paused = new AtomicBoolean(false);
    private final AtomicBoolean polling = new AtomicBoolean(false);
    private volatile boolean stopped;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private final Counter published;

    OutboxRelay(EventingConfig config, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.published = Counter.builder("rollwatch.outbox.published")
                .description("Events the outbox relay published to Kafka").register(registry);
        Gauge.builder("rollwatch.outbox.pending", pending, AtomicLong::get)
                .description("Committed events not yet published (outbox lag, in events)").register(registry);
        Gauge.builder("rollwatch.outbox.lag.seconds", oldestPendingMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest unpublished event (outbox lag, in time)").register(registry);
    }

    /**
     * Polls on a Vert.x timer: the scheduler's one-second floor would add up to a second per hop,
     * and a rollback crosses four hops.
     */
    void onStart(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(1_000, config.outbox().pollInterval().toMillis(), id -> poll(vertx));
    }

    private void poll(Vertx vertx) {
        if (paused.get() || stopped || !polling.compareAndSet(false, true)) {
            return;
        }
        // Hibernate Reactive needs a (duplicated) Vert.x context of its own for every unit of work.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Uni.createFrom().deferred(this::relayBatch).subscribe().with(
                published -> polling.set(false),
                failure -> {
                    polling.set(false);
                    LOG.warnf("Outbox relay pass failed, retrying on the next poll: %s", failure.toString());
                }));
    }

    /** Publishes one batch; returns how many events went out. */
    public Uni<Integer> relayBatch() {
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

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    Uni<Void> measureLag() {
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select count(*), min(created_at) from outbox where published_at is null",
                        Object[].class)
                .getSingleResult()
                .invoke(row -> {
                    pending.set(((Number) row[0]).longValue());
                    Instant oldest = row[1] == null ? null : toInstant(row[1]);
                    oldestPendingMillis.set(oldest == null ? 0
                            : Math.max(0, Duration.between(oldest, clock.instant()).toMillis()));
                    if (pending.get() > 0) {
                        LOG.debugf("Outbox lag: %d events, oldest %d ms", pending.get(), oldestPendingMillis.get());
                    }
                }))).replaceWithVoid();
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1m")
    Uni<Void> purgePublished() {
        Instant before = clock.instant().minus(config.outbox().retention());
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("delete from outbox where published_at is not null and published_at < :before")
                .setParameter("before", before)
                .executeUpdate())).replaceWithVoid();
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

    /** Stops all database work before the pool and the producer close under it. */
    void onShutdown(@Observes ShutdownEvent event) {
        stopped = true;
    }

    private static Map<String, String> readHeaders(OutboxEntry entry) {
        try {
            return EventJson.mapper().readValue(entry.headers, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox entry " + entry.id + " has unreadable headers", e);
        }
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.toInstant(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
