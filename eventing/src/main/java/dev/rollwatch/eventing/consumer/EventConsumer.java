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
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
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
 * <li>retry a failure of the database or the network with backoff until it goes through (the
 * partition waits: a good event is never dead-lettered because PostgreSQL failed over); retry any other
 * failure a few times, then dead-letter the record rather than block the partition forever;</li>
 * <li>ack only after the transaction committed, so the offset never runs ahead of the effect.</li>
 * </ol>
 * The handler may throw {@link MalformedEventException} for a well-formed event it must refuse (e.g.
 * a release request breaking the release rules): it is dead-lettered the same way.
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
    private final EventingConfig config;
    private final MeterRegistry registry;

    EventConsumer(Inbox inbox, EventingConfig config, MeterRegistry registry) {
        this.inbox = inbox;
        this.config = config;
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

    /** Consumes a record of any event type: for handlers that take every topic of a release alike (a history, a timeline). */
    public Uni<Void> consume(Message<String> message, Function<CloudEvent<ReleaseEvent>, Uni<Void>> handler) {
        IncomingKafkaRecordMetadata<?, ?> record = metadataOf(message);
        String topic = record.getTopic();
        CloudEvent<ReleaseEvent> event;
        try {
            event = decode(message);
        } catch (MalformedEventException e) {
            return deadLetter(message, record, e);
        }
        Context context = Vertx.currentContext();
        Uni<Outcome> attempt = Uni.createFrom()
                .deferred(() -> Panache.withTransaction(() -> inbox.claim(event.id(), topic)
                        .flatMap(first -> first
                                ? handler.apply(event).replaceWith(Outcome.APPLIED)
                                : Uni.createFrom().item(Outcome.DUPLICATE))))
                // Hibernate Reactive must run on the record's Vert.x context, retries included.
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
        return settle(message, record, event, attempt);
    }

    /**
     * Runs {@code attempt} (resubscribed on each retry) until the record is settled: acked once it
     * applied or was a duplicate, nacked (dead-lettered) when it is malformed or kept failing. Apart
     * from {@link #consume} so the retry and dead-letter rules can be exercised without a database.
     */
    Uni<Void> settle(
            Message<String> message,
            IncomingKafkaRecordMetadata<?, ?> record,
            CloudEvent<ReleaseEvent> event,
            Uni<Outcome> attempt) {
        String topic = record.getTopic();
        return attempt.onFailure(TransientFailures::isTransient)
                .invoke(failure -> LOG.warnf(
                        "Database or network unavailable while applying %s %s; retrying until it is back: %s",
                        event.type(), event.id(), failure.toString()))
                .onFailure(TransientFailures::isTransient)
                .retry()
                .withBackOff(
                        config.consumer().initialBackoff(), config.consumer().maxBackoff())
                .indefinitely()
                .onFailure(failure -> !(failure instanceof MalformedEventException))
                .retry()
                .withBackOff(
                        config.consumer().initialBackoff(), config.consumer().maxBackoff())
                .atMost(config.consumer().retries())
                .onItemOrFailure()
                .transformToUni((outcome, failure) -> {
                    if (failure instanceof MalformedEventException malformed) {
                        return deadLetter(message, record, malformed);
                    }
                    if (failure != null) {
                        count(topic, "failed");
                        LOG.errorf(
                                failure,
                                "Giving up on %s %s (%s) after %d retries; dead-lettering it",
                                event.type(),
                                event.id(),
                                event.subject(),
                                config.consumer().retries());
                        return Uni.createFrom().completionStage(message.nack(failure));
                    }
                    count(topic, outcome == Outcome.APPLIED ? "applied" : "duplicate");
                    return Uni.createFrom().completionStage(message.ack());
                });
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
            Message<String> message, IncomingKafkaRecordMetadata<?, ?> record, MalformedEventException reason) {
        count(record.getTopic(), "dead-lettered");
        LOG.warnf(
                "Dead-lettering record %s-%d@%d: %s",
                record.getTopic(), record.getPartition(), record.getOffset(), reason.getMessage());
        return Uni.createFrom().completionStage(message.nack(reason));
    }

    private void count(String topic, String outcome) {
        registry.counter("rollwatch.events.consumed", "topic", topic, "outcome", outcome)
                .increment();
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

    enum Outcome {
        APPLIED,
        DUPLICATE
    }
}
