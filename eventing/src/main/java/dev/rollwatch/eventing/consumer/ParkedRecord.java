package dev.rollwatch.eventing.consumer;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.codec.EventJson;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.util.Map;
import java.util.UUID;

/** What is kept of a record when its event is parked: enough to deliver the same record again. */
record ParkedRecord(
        UUID eventId,
        String topic,
        String channel,
        String key,
        String type,
        String headersJson,
        String payload,
        int partition,
        long offset) {

    static ParkedRecord of(
            IncomingKafkaRecordMetadata<?, ?> record,
            CloudEvent<?> event,
            Map<String, String> headers,
            String payload) {
        return new ParkedRecord(
                event.id(),
                record.getTopic(),
                record.getChannel(),
                event.subject(),
                event.type(),
                EventJson.write(headers),
                payload,
                record.getPartition(),
                record.getOffset());
    }
}
