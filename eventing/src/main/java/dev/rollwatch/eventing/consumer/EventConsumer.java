package dev.rollwatch.eventing.consumer;

import dev.rollwatch.eventing.EventingConfig;
import dev.rollwatch.eventing.inbox.Inbox;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.events.codec.MalformedEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The one way a Rollwatch service consumes a Kafka record:
 * <ol>
 * <li>decode and validate it (CloudEvents headers, known type and version, schema, key); a record
 * that fails is nacked, which dead-letters it to the channel's {@code <topic>.dlq} with the reason
 * in its headers, and the channel goes on with the next record;</li>
 * <li>in one database transaction, claim its {@code ce_id} in the inbox and apply it; a redelivered
 * event finds its id claimed and does nothing;</li>
 * <li>apply a topic's records of different releases side by side and each release's in order
 * ({@link KeyedLanes}, {@code rollwatch.eventing.consumer.max-in-flight} at once);</li>
 * <li>retry a failure of the database or the network with backoff until it goes through (the
 * release's later records wait: a good event is never set aside because PostgreSQL failed over); retry
 * any other failure a few times, then park the event ({@code parked_events}, with the failure) and go on
 * with the release: a valid event is never lost to a bug, and {@link ParkedEventReplay} applies it once its
 * cause is gone;</li>
 * <li>while a release has a parked event on the topic, park its later events behind it, in order, instead
 * of applying them (a step is never applied after a request that was missed); other releases go on;</li>
 * <li>ack only after the transaction committed, so the offset never runs ahead of the effect (the
 * throttled commit strategy commits an offset once every record before it is settled).</li>
 * </ol>
 * The handler may throw {@link MalformedEventException} for a well-formed event it must refuse (e.g.
 * a release request breaking the release rules): it is dead-lettered like a malformed record.
 */
@ApplicationScoped
public class EventConsumer {

    @SuppressWarnings("unchecked")
    static <T extends ReleaseEvent> CloudEvent<T> typed(CloudEvent<ReleaseEvent> event, Class<T> type) {
        if (!type.isInstance(event.data())) {
            throw new MalformedEventException("expected " + type.getSimpleName() + " on this topic, got "
                    + event.data().getClass().getSimpleName());
        }
        CloudEvent<?> any = event;
        return (CloudEvent<T>) any;
    }

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final EventCodec codec = new EventCodec();
    private final Inbox inbox;
    private final ParkedEvents parked;
    private final EventingConfig config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Set<String> topicsCounted = ConcurrentHashMap.newKeySet();
    /** One set of lanes per consumed topic. */
    private final Map<String, KeyedLanes> lanes = new ConcurrentHashMap<>();

    EventConsumer(Inbox inbox, ParkedEvents parked, EventingConfig config, Clock clock, MeterRegistry registry) {
        this.inbox = inbox;
        this.parked = parked;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * Consumes a record of a topic that carries one event type, handing the handler the event typed. This
     * is the way to read a payload: no handler casts. A payload of another type (a topic wired to the
     * wrong channel) is dead-lettered, never cast.
     */
    public <T extends ReleaseEvent> Uni<Void> consume(
            Message<String> message, Class<T> type, Function<CloudEvent<T>, Uni<Void>> handler) {
        return consume(message, event -> handler.apply(typed(event, type)));
    }

    /**
     * Consumes a record of any event type: for handlers that take every topic of a release alike (a history, a
     * timeline). The returned Uni completes once the record is admitted to its key's lane ({@link KeyedLanes}):
     * records of other releases go on while this one applies, and it is settled (acked or dead-lettered) when
     * it has. A replay of a parked event completes only once it is settled: the replay waits for its outcome.
     */
    public Uni<Void> consume(Message<String> message, Function<CloudEvent<ReleaseEvent>, Uni<Void>> handler) {
        if (message.getMetadata(Replay.class).isPresent()) {
            return apply(message, handler);
        }
        IncomingKafkaRecordMetadata<?, ?> record = metadataOf(message);
        // Built now, on the record's own Vert.x context, which its transactions need; subscribed in its turn.
        Uni<Void> applied = apply(message, handler)
                .onFailure()
                .recoverWithUni(failure -> deadLetterUnsettled(message, record, failure));
        String key = keyOf(record);
        return Uni.createFrom()
                .completionStage(lanes.computeIfAbsent(
                                record.getTopic(),
                                topic -> new KeyedLanes(config.consumer().maxInFlight()))
                        .submit(key == null ? "" : key, applied::subscribeAsCompletionStage));
    }

    /** The record's processing failed around the rules that settle it (a bug): dead-lettered, never left unsettled. */
    private Uni<Void> deadLetterUnsettled(
            Message<String> message, IncomingKafkaRecordMetadata<?, ?> record, Throwable failure) {
        LOG.errorf(
                failure,
                "Record %s-%d@%d failed outside the consumer's rules; dead-lettering it",
                record.getTopic(),
                record.getPartition(),
                record.getOffset());
        countDeadLetter(record.getTopic(), DeadLetterReason.UNPARKABLE);
        return Uni.createFrom().completionStage(message.nack(failure));
    }

    private Uni<Void> apply(Message<String> message, Function<CloudEvent<ReleaseEvent>, Uni<Void>> handler) {
        IncomingKafkaRecordMetadata<?, ?> record = metadataOf(message);
        String topic = record.getTopic();
        CloudEvent<ReleaseEvent> event;
        try {
            event = decode(message);
        } catch (MalformedEventException e) {
            return deadLetter(message, record, e, DeadLetterReason.ofUndecodable(headersOf(record)));
        }
        Context context = Vertx.currentContext();
        Optional<Replay> replay = message.getMetadata(Replay.class);
        if (replay.isPresent()) {
            long id = replay.get().parkedId();
            Uni<Outcome> attempt = inTransaction(
                    context,
                    () -> parked.lockIfFirst(id)
                            .flatMap(first -> first == null
                                    ? Uni.createFrom().item(Outcome.NOT_FIRST)
                                    : applyOnce(event, topic, handler)
                                            .call(outcome -> parked.resolve(
                                                    id,
                                                    "replayed",
                                                    outcome == Outcome.DUPLICATE ? "already applied" : null))));
            return settleReplay(
                    message,
                    record,
                    event,
                    attempt,
                    failure -> inTransaction(
                            context,
                            () -> failure instanceof MalformedEventException refused
                                    ? parked.resolve(id, "refused", refused.getMessage())
                                    : parked.failedAgain(
                                            id,
                                            describe(failure),
                                            nextReplay(replay.get().failedReplays() + 1))));
        }
        ParkedRecord parkable = ParkedRecord.of(record, event, headersOf(record), message.getPayload());
        Uni<Outcome> attempt = inTransaction(
                context,
                () -> parked.isWaiting(topic, parkable.key())
                        .flatMap(waiting -> waiting
                                // Not tried: it must not overtake the parked event. It is due as soon as it is first.
                                ? parked.park(parkable, null, clock.instant())
                                        .call(() -> parked.headDueNow(topic, parkable.key()))
                                        .replaceWith(Outcome.PARKED_BEHIND)
                                : applyOnce(event, topic, handler)));
        return settle(
                message,
                record,
                event,
                attempt,
                failure -> inTransaction(context, () -> parked.park(parkable, describe(failure), nextReplay(0))));
    }

    private Uni<Outcome> applyOnce(
            CloudEvent<ReleaseEvent> event, String topic, Function<CloudEvent<ReleaseEvent>, Uni<Void>> handler) {
        return inbox.claim(event.id(), topic)
                .flatMap(first -> first
                        ? handler.apply(event).replaceWith(Outcome.APPLIED)
                        : Uni.createFrom().item(Outcome.DUPLICATE));
    }

    /** Runs {@code work} in a transaction on the record's Vert.x context (Hibernate Reactive's rule), each time it is subscribed. */
    private static <T> Uni<T> inTransaction(Context context, Supplier<Uni<T>> work) {
        return Uni.createFrom()
                .deferred(() -> Panache.withTransaction(work))
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private Instant nextReplay(int failedReplays) {
        EventingConfig.Parked policy = config.consumer().parked();
        return ParkedRetry.next(clock.instant(), failedReplays, policy.firstRetry(), policy.maxRetryInterval());
    }

    /**
     * Runs {@code attempt} (resubscribed on each retry) until the record is settled: acked once it
     * applied, was a duplicate, or was parked (by {@code park} once it kept failing, or behind its
     * release's parked event); nacked (dead-lettered) when it is malformed, or when it could not even be
     * parked. Apart from {@link #consume} so the retry, park and dead-letter rules can be exercised
     * without a database.
     */
    Uni<Void> settle(
            Message<String> message,
            IncomingKafkaRecordMetadata<?, ?> record,
            CloudEvent<ReleaseEvent> event,
            Uni<Outcome> attempt,
            Function<Throwable, Uni<Void>> park) {
        String topic = record.getTopic();
        return untilTransientFailuresPass(attempt, event)
                .onFailure(failure -> !(failure instanceof MalformedEventException))
                .retry()
                .withBackOff(
                        config.consumer().initialBackoff(), config.consumer().maxBackoff())
                .atMost(config.consumer().retries())
                .onItemOrFailure()
                .transformToUni((outcome, failure) -> {
                    if (failure instanceof MalformedEventException refused) {
                        return deadLetter(message, record, refused, DeadLetterReason.REFUSED);
                    }
                    if (failure != null) {
                        return park(message, record, event, failure, park);
                    }
                    count(topic, outcome.tag);
                    return Uni.createFrom().completionStage(message.ack());
                });
    }

    private Uni<Void> park(
            Message<String> message,
            IncomingKafkaRecordMetadata<?, ?> record,
            CloudEvent<ReleaseEvent> event,
            Throwable failure,
            Function<Throwable, Uni<Void>> park) {
        return untilTransientFailuresPass(Uni.createFrom().deferred(() -> park.apply(failure)), event)
                .onItemOrFailure()
                .transformToUni((parkedNow, parkFailure) -> {
                    if (parkFailure == null) {
                        count(record.getTopic(), "parked");
                        LOG.errorf(
                                failure,
                                "Parked %s %s (%s) after %d retries; the release's later events on %s wait"
                                        + " behind it until it is replayed or discarded",
                                event.type(),
                                event.id(),
                                event.subject(),
                                config.consumer().retries(),
                                record.getTopic());
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    failure.addSuppressed(parkFailure);
                    LOG.errorf(
                            failure,
                            "%s %s (%s) kept failing and could not be parked; dead-lettering it",
                            event.type(),
                            event.id(),
                            event.subject());
                    countDeadLetter(record.getTopic(), DeadLetterReason.UNPARKABLE);
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    /**
     * Settles one replay of a parked event (a {@link Replay} message from {@link ParkedEventReplay}): acked
     * when the event applied (or had been already) and left its queue, or when its handler refused it
     * (resolved as refused: it can never apply, so it must not hold its release); nacked when it failed
     * again ({@code failed} records that and when it is tried next) or is not first of its queue any more.
     * Failures are not retried here: the parked backoff is the retry.
     */
    Uni<Void> settleReplay(
            Message<String> message,
            IncomingKafkaRecordMetadata<?, ?> record,
            CloudEvent<ReleaseEvent> event,
            Uni<Outcome> attempt,
            Function<Throwable, Uni<Void>> failed) {
        String topic = record.getTopic();
        return untilTransientFailuresPass(attempt, event).onItemOrFailure().transformToUni((outcome, failure) -> {
            if (failure == null) {
                if (outcome == Outcome.NOT_FIRST) {
                    return Uni.createFrom()
                            .completionStage(message.nack(
                                    new IllegalStateException("no longer the first parked event of its release")));
                }
                countUnparked(topic, "replayed");
                LOG.infof("Replayed parked %s %s (%s)", event.type(), event.id(), event.subject());
                return Uni.createFrom().completionStage(message.ack());
            }
            return untilTransientFailuresPass(Uni.createFrom().deferred(() -> failed.apply(failure)), event)
                    .onItemOrFailure()
                    .transformToUni((recorded, recordFailure) -> {
                        if (recordFailure != null) {
                            failure.addSuppressed(recordFailure);
                        }
                        if (failure instanceof MalformedEventException && recordFailure == null) {
                            countUnparked(topic, "refused");
                            LOG.errorf(
                                    "Parked %s %s (%s) is refused by its handler and can never apply;"
                                            + " resolved as refused so its release goes on: %s",
                                    event.type(), event.id(), event.subject(), failure.getMessage());
                            return Uni.createFrom().completionStage(message.ack());
                        }
                        LOG.warnf(
                                failure,
                                "Replay of parked %s %s (%s) failed; it stays parked",
                                event.type(),
                                event.id(),
                                event.subject());
                        return Uni.createFrom().completionStage(message.nack(failure));
                    });
        });
    }

    private <T> Uni<T> untilTransientFailuresPass(Uni<T> attempt, CloudEvent<ReleaseEvent> event) {
        return attempt.onFailure(TransientFailures::isTransient)
                .invoke(failure -> LOG.warnf(
                        "Database or network unavailable while applying %s %s; retrying until it is back: %s",
                        event.type(), event.id(), failure.toString()))
                .onFailure(TransientFailures::isTransient)
                .retry()
                .withBackOff(
                        config.consumer().initialBackoff(), config.consumer().maxBackoff())
                .indefinitely();
    }

    /**
     * Decodes and validates a record without processing it (for consumers that only observe, such
     * as a broadcast feed).
     *
     * @throws MalformedEventException when the record is not a valid event
     */
    public CloudEvent<ReleaseEvent> decode(Message<String> message) {
        IncomingKafkaRecordMetadata<?, ?> record = metadataOf(message);
        return codec.decode(record.getTopic(), keyOf(record), headersOf(record), message.getPayload());
    }

    private static IncomingKafkaRecordMetadata<?, ?> metadataOf(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("Not a Kafka record: " + message));
    }

    private Uni<Void> deadLetter(
            Message<String> message,
            IncomingKafkaRecordMetadata<?, ?> record,
            MalformedEventException reason,
            DeadLetterReason reasonClass) {
        countDeadLetter(record.getTopic(), reasonClass);
        LOG.warnf(
                "Dead-lettering record %s-%d@%d (%s): %s",
                record.getTopic(), record.getPartition(), record.getOffset(), reasonClass.tag, reason.getMessage());
        return Uni.createFrom().completionStage(message.nack(reason));
    }

    /**
     * Registers the dead-letter counters of every topic this service consumes at start, at zero: a
     * counter born at 1 (a service restarted with a poison record next in its partition) shows
     * Prometheus no increase, and the dead-letter alert would miss it.
     */
    void registerDeadLetterCountersAtStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        consumedTopics(org.eclipse.microprofile.config.ConfigProvider.getConfig())
                .forEach(this::registerDeadLetterCounters);
    }

    /** The topics of the service's incoming channels ({@code mp.messaging.incoming.<channel>.topic}). */
    static Set<String> consumedTopics(org.eclipse.microprofile.config.Config config) {
        Set<String> topics = new java.util.TreeSet<>();
        for (String name : config.getPropertyNames()) {
            // The channel's own topic, not its dead-letter-queue.topic.
            if (name.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                config.getOptionalValue(name, String.class).ifPresent(topics::add);
            }
        }
        return topics;
    }

    private void count(String topic, String outcome) {
        registerDeadLetterCounters(topic);
        registry.counter("rollwatch.events.consumed", "topic", topic, "outcome", outcome)
                .increment();
    }

    /**
     * Registers a topic's dead-letter counters at zero with its first record: a counter born at 1 shows
     * Prometheus no increase, so an alert on {@code increase()} would miss the first dead letter (and the
     * dashboard would have nothing to show until one came).
     */
    private void registerDeadLetterCounters(String topic) {
        if (topicsCounted.add(topic)) {
            for (DeadLetterReason reason : DeadLetterReason.values()) {
                registry.counter("rollwatch.events.dead.lettered", "topic", topic, "reason.class", reason.tag);
            }
        }
    }

    private void countDeadLetter(String topic, DeadLetterReason reason) {
        count(topic, "dead-lettered");
        registry.counter("rollwatch.events.dead.lettered", "topic", topic, "reason.class", reason.tag)
                .increment();
    }

    private void countUnparked(String topic, String resolution) {
        registry.counter("rollwatch.events.unparked", "topic", topic, "resolution", resolution)
                .increment();
    }

    /** The failure as stored with a parked event: its class and message, and those of its causes. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(failure);
        for (Throwable cause = failure.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    private static String keyOf(IncomingKafkaRecordMetadata<?, ?> record) {
        Object key = record.getKey();
        return key == null ? null : key.toString();
    }

    private static Map<String, String> headersOf(IncomingKafkaRecordMetadata<?, ?> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.getHeaders()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    /** How an attempt ended, and its {@code outcome} tag on {@code rollwatch_events_consumed_total}. */
    enum Outcome {
        APPLIED("applied"),
        DUPLICATE("duplicate"),
        /** Parked behind an earlier parked event of its release, untried. */
        PARKED_BEHIND("parked-behind"),
        /** A replay of an event that is not first of its queue any more: someone else resolved or holds it. */
        NOT_FIRST("not-first");

        final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    /**
     * Marks a message as the replay of a parked event, and carries which one and how often it failed
     * since it was parked.
     */
    record Replay(long parkedId, int failedReplays) {}
}
