package dev.rollwatch.eventing.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.rollwatch.eventing.EventingConfig;
import dev.rollwatch.eventing.ReactiveWork;
import dev.rollwatch.events.codec.EventJson;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Replays parked events when they are due (see {@link EventingConfig.Parked}): each queue (a release's
 * parked events on one topic) from its first event, in order, until one fails again. A replay is the
 * record delivered again to its channel's {@code @Incoming} method, marked as a {@link EventConsumer.Replay}:
 * the consumer then applies it in one transaction with taking it off its queue, so it applies exactly once
 * whichever instance or operator gets to it. Also measures {@code rollwatch_events_parked} and purges
 * resolved events.
 */
@ApplicationScoped
public class ParkedEventReplay {

    private static final Logger LOG = Logger.getLogger(ParkedEventReplay.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
    /** Queues started per pass; a pass goes on until none is due. */
    private static final int BATCH = 100;

    private final ParkedEvents parked;
    private final EventingConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private final BeanManager beans;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> waiting = new ConcurrentHashMap<>();
    private volatile IncomingMethods methods;
    private volatile boolean madeDue;
    private volatile boolean stopped;

    ParkedEventReplay(
            ParkedEvents parked,
            EventingConfig config,
            Vertx vertx,
            Clock clock,
            BeanManager beans,
            MeterRegistry registry) {
        this.parked = parked;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
        this.beans = beans;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        // Every consumed topic is measured from the start, at 0 while nothing is parked (as the dead-letter
        // counters are): the RollwatchEventsParked alert needs the series to exist before anything parks.
        EventConsumer.consumedTopics(ConfigProvider.getConfig()).forEach(this::gauge);
        ReactiveWork.poll(
                vertx, "Parked event replay", config.consumer().parked().pollInterval(), () -> !stopped, this::pass);
        ReactiveWork.poll(
                vertx,
                "Parked event gauge",
                config.consumer().parked().measureInterval(),
                () -> !stopped,
                this::measure);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /** Replays what is due now, from any thread; returns how many parked events applied. */
    public Uni<Integer> replayNow() {
        return ReactiveWork.onOwnContext(vertx, this::pass);
    }

    /** Measures the gauge now, from any thread. */
    public Uni<Void> measureNow() {
        return ReactiveWork.onOwnContext(vertx, this::measure);
    }

    private Uni<Integer> pass() {
        // The first pass after a start makes every parked event due: deploying a fix is the usual cure.
        Uni<Integer> due = madeDue
                ? Uni.createFrom().item(0)
                : Panache.withTransaction(parked::allDueNow).invoke(() -> madeDue = true);
        return due.chain(ignored -> Panache.withSession(() -> parked.dueFirsts(BATCH)))
                .flatMap(firsts -> Multi.createFrom()
                        .iterable(firsts)
                        .onItem()
                        .transformToUniAndConcatenate(this::replayQueue)
                        .collect()
                        .with(Collectors.summingInt(applied -> applied)));
    }

    /** Replays a queue from {@code first} until one fails or it is empty; returns how many applied. */
    private Uni<Integer> replayQueue(ParkedEvent first) {
        return replay(first)
                .flatMap(applied -> !applied
                        ? Uni.createFrom().item(0)
                        : Panache.withSession(() -> parked.firstOf(first.topic, first.recordKey))
                                .flatMap(next -> next == null || next.nextAttemptAt.isAfter(clock.instant())
                                        ? Uni.createFrom().item(1)
                                        : replayQueue(next).map(more -> more + 1)));
    }

    /** Delivers the parked record again; true when it left its queue (applied, already applied or refused). */
    private Uni<Boolean> replay(ParkedEvent row) {
        CompletableFuture<Boolean> settled = new CompletableFuture<>();
        Message<String> message = Message.of(
                row.payload,
                Metadata.of(kafkaMetadata(row), new EventConsumer.Replay(row.id, row.attempts)),
                () -> {
                    settled.complete(true);
                    return CompletableFuture.completedFuture(null);
                },
                reason -> {
                    settled.complete(false);
                    return CompletableFuture.completedFuture(null);
                });
        if (methods == null) {
            methods = IncomingMethods.of(beans);
        }
        Uni<Void> delivered = methods.deliver(row.channel, message);
        if (delivered == null) {
            return noSuchChannel(row);
        }
        return delivered.onItemOrFailure().transform((ignored, failure) -> {
            if (failure != null) {
                // The consumer settles every failure itself; this is the channel method failing around it.
                LOG.warnf(failure, "Replay of parked event %s failed outside its consumer", row.eventId);
            }
            return failure == null && settled.getNow(false);
        });
    }

    private Uni<Boolean> noSuchChannel(ParkedEvent row) {
        String failure = "this service has no @Incoming method for channel " + row.channel;
        LOG.errorf("Parked event %s cannot be replayed: %s", row.eventId, failure);
        EventingConfig.Parked policy = config.consumer().parked();
        return Panache.withTransaction(() -> parked.failedAgain(
                        row.id,
                        failure,
                        ParkedRetry.next(
                                clock.instant(), row.attempts + 1, policy.firstRetry(), policy.maxRetryInterval())))
                .replaceWith(false);
    }

    private static IncomingKafkaRecordMetadata<String, String> kafkaMetadata(ParkedEvent row) {
        RecordHeaders headers = new RecordHeaders();
        Map<String, String> stored;
        try {
            stored = EventJson.mapper().readValue(row.headers, HEADERS);
        } catch (JsonProcessingException e) {
            // Written by ParkedRecord from a map of strings: unreadable only if edited by hand.
            throw new IllegalStateException("Parked event " + row.eventId + " has unreadable headers", e);
        }
        stored.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        ConsumerRecord<String, String> record = new ConsumerRecord<>(
                row.topic,
                row.sourcePartition,
                row.sourceOffset,
                row.parkedAt.toEpochMilli(),
                TimestampType.CREATE_TIME,
                -1,
                -1,
                row.recordKey,
                row.payload,
                headers,
                Optional.empty());
        return new IncomingKafkaRecordMetadata<>(record, row.channel);
    }

    private Uni<Void> measure() {
        return Panache.withSession(parked::waitingByTopic)
                .invoke(counts -> {
                    counts.keySet().forEach(this::gauge);
                    waiting.forEach((topic, value) -> value.set(counts.getOrDefault(topic, 0L)));
                })
                .replaceWithVoid();
    }

    private AtomicLong gauge(String topic) {
        return waiting.computeIfAbsent(topic, t -> {
            AtomicLong value = new AtomicLong();
            // Held strongly: a registry outliving this bean (tests restart the application) keeps the first gauge.
            Gauge.builder("rollwatch.events.parked", value, AtomicLong::get)
                    .description("Parked events waiting on the topic (their handler failed, or they wait behind one"
                            + " of their release that did); the same figure on every instance")
                    .tag("topic", t)
                    .strongReference(true)
                    .register(registry);
            return value;
        });
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1m")
    Uni<Void> purgeResolved() {
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(
                        () -> parked.purgeResolved(config.consumer().inboxRetention()))
                .replaceWithVoid();
    }
}
