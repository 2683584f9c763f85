package dev.rollwatch.eventing.consumer;

import dev.rollwatch.events.codec.EncodedEvent;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** Kafka records as the connector hands them to a consumer, remembering how each was settled. */
final class KafkaRecords {

    private KafkaRecords() {}

    /** A record as received: its headers in order (a header may repeat or have no value). */
    static Received received(String topic, String key, List<Map.Entry<String, String>> headers, String payload) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach(h -> kafkaHeaders.add(
                h.getKey(), h.getValue() == null ? null : h.getValue().getBytes(StandardCharsets.UTF_8)));
        return received(topic, key, kafkaHeaders, payload);
    }

    /** A record as received, with the headers some other producer wrote. */
    static Received received(String topic, String key, Headers headers, String payload) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(
                topic, 2, 1234L, 0L, TimestampType.CREATE_TIME, -1, -1, key, payload, headers, Optional.empty());
        return new Received(new IncomingKafkaRecordMetadata<>(record, "test-channel"), payload);
    }

    /** The record a Rollwatch producer publishes for the encoded event. */
    static Received received(EncodedEvent encoded) {
        return received(
                encoded.topic(), encoded.key(), List.copyOf(encoded.headers().entrySet()), encoded.payload());
    }

    /** One received record and what the consumer did with it: acked, or nacked (dead-lettered) and why. */
    static final class Received {
        final IncomingKafkaRecordMetadata<String, String> metadata;
        final Message<String> message;
        final AtomicInteger acks = new AtomicInteger();
        final List<Throwable> nacks = new CopyOnWriteArrayList<>();

        private Received(IncomingKafkaRecordMetadata<String, String> metadata, String payload) {
            this.metadata = metadata;
            this.message = Message.of(
                    payload,
                    Metadata.of(metadata),
                    () -> {
                        acks.incrementAndGet();
                        return CompletableFuture.completedFuture(null);
                    },
                    reason -> {
                        nacks.add(reason);
                        return CompletableFuture.completedFuture(null);
                    });
        }
    }
}
