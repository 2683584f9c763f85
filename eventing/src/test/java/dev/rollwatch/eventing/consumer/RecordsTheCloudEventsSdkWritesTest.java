package dev.rollwatch.eventing.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rollwatch.eventing.EventingConfigs;
import dev.rollwatch.eventing.GoldenEvents;
import dev.rollwatch.eventing.consumer.KafkaRecords.Received;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.EventType;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.codec.MalformedEventException;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rollwatch reads what any CloudEvents producer writes: a record of each event type written by the
 * CloudEvents SDK's Kafka serializer in binary mode decodes into the same event, and one the SDK allows
 * but the contract does not is still dead-lettered with the reason.
 */
class RecordsTheCloudEventsSdkWritesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // The inbox and the parked events are only reached for a valid record, inside a transaction; decoding
    // and dead-lettering need neither.
    private final EventConsumer consumer =
            new EventConsumer(null, null, EventingConfigs.defaults(), Clock.systemUTC(), registry);
    private final CloudEventSerializer sdk = binarySerializer();
    /** How the services' incoming channels read a value (they consume {@code Message<String>}). */
    private final StringDeserializer valueDeserializer = new StringDeserializer();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void decodesARecordTheSdkWroteInBinaryModeIntoTheSameEvent(EventType type) throws JsonProcessingException {
        CloudEvent<ReleaseEvent> event = GoldenEvents.of(type);

        Received record = writtenBySdk(
                type.topic(), event.subject(), withoutSubject(event).withSubject(event.subject()));

        assertThat(consumer.decode(record.message)).isEqualTo(event);
    }

    @Test
    void deadLettersAnSdkEventWithoutTheSubjectTheContractRequires() throws JsonProcessingException {
        // Subject is optional to CloudEvents; Rollwatch needs it (the release the event is about).
        CloudEvent<ReleaseEvent> event = GoldenEvents.of(EventType.HEALTH_PASSED);
        Received record = writtenBySdk(event.topic(), event.subject(), withoutSubject(event));

        consumer.consume(record.message, ignored -> {
                    throw new AssertionError("a malformed record reached its handler");
                })
                .await()
                .atMost(Duration.ofSeconds(5));

        assertThat(record.nacks)
                .singleElement()
                .satisfies(nack -> assertThat(nack)
                        .isInstanceOf(MalformedEventException.class)
                        .hasMessage("missing CloudEvents header ce_subject"));
        assertThat(record.acks).hasValue(0);
        assertThat(registry.counter("rollwatch.events.dead.lettered", "topic", event.topic(), "reason.class", "invalid")
                        .count())
                .isEqualTo(1.0);
    }

    private Received writtenBySdk(String topic, String key, CloudEventBuilder event) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = sdk.serialize(topic, headers, event.build());
        return KafkaRecords.received(topic, key, headers, valueDeserializer.deserialize(topic, headers, value));
    }

    /**
     * The event as another team's producer would build it with the SDK, from the payload record, but for
     * its subject: the builder has no way to take one away again.
     */
    private static CloudEventBuilder withoutSubject(CloudEvent<ReleaseEvent> event) throws JsonProcessingException {
        return CloudEventBuilder.v1()
                .withId(event.id().toString())
                .withSource(URI.create(event.source()))
                .withType(event.type())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withData(CloudEvent.CONTENT_TYPE, EventJson.mapper().writeValueAsBytes(event.data()));
    }

    private static CloudEventSerializer binarySerializer() {
        CloudEventSerializer serializer = new CloudEventSerializer();
        serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
        return serializer;
    }
}
