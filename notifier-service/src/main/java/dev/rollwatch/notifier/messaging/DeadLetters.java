package dev.rollwatch.notifier.messaging;

import dev.rollwatch.events.codec.EncodedEvent;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.notifier.domain.Target;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes a delivery that can never succeed to {@code notifications.dlq}: the event exactly as it
 * travels on its own topic (CloudEvents binary mode, keyed by release id), plus headers saying which
 * target refused it and why. Nothing secret goes in: targets are described without URL paths, and
 * reasons are built from status codes and error names.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String TOPIC = "notifications.dlq";
    public static final String REASON = "dead-letter-reason";
    public static final String TARGET = "dead-letter-target";
    public static final String CHANNEL = "dead-letter-channel";
    public static final String KIND = "dead-letter-kind";
    public static final String ATTEMPTS = "dead-letter-attempts";
    public static final String DELIVERY = "dead-letter-delivery-id";

    private final EventCodec codec = new EventCodec();

    // Field injection: channel detection at build time only sees emitter fields.
    @Inject
    @Channel("notifications-dlq")
    MutinyEmitter<String> emitter;

    /**
     * @param structuredEvent the event in structured JSON form, as stored
     * @param target          the refusing target
     * @return completes when the broker acknowledged the record
     */
    public Uni<Void> publish(
            String structuredEvent,
            Target target,
            String channel,
            String kind,
            int attempts,
            long deliveryId,
            String reason) {
        EncodedEvent encoded = codec.encode(codec.decodeStructured(structuredEvent));
        Map<String, String> headers = new LinkedHashMap<>(encoded.headers());
        headers.put(REASON, reason);
        headers.put(TARGET, target.describe());
        headers.put(CHANNEL, channel);
        headers.put(KIND, kind);
        headers.put(ATTEMPTS, Integer.toString(attempts));
        headers.put(DELIVERY, Long.toString(deliveryId));
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(encoded.key())
                .withHeaders(recordHeaders)
                .build();
        return emitter.sendMessage(Message.of(encoded.payload()).addMetadata(metadata));
    }
}
