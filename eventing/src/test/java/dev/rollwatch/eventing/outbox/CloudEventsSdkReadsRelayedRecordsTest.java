package dev.rollwatch.eventing.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.eventing.EventingConfigs;
import dev.rollwatch.eventing.GoldenEvents;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.EventType;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.codec.EventJson;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Any CloudEvents consumer can read what Rollwatch publishes: the record the outbox relay hands the Kafka
 * connector for an event of each type, read with the CloudEvents SDK's own Kafka deserializer, is the same
 * event, attribute for attribute. The event goes the real way (the outbox row, the relay's send); only the
 * broker is left out, which passes the headers and the serialized value through untouched.
 */
class CloudEventsSdkReadsRelayedRecordsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T14:05:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Outbox outbox = new Outbox(clock);
    // Vert.x only drives the poll loop, which this test does not use.
    private final OutboxRelay relay =
            new OutboxRelay(EventingConfigs.defaults(), clock, new SimpleMeterRegistry(), null);
    private final RecordingEmitter kafka = new RecordingEmitter();
    /** The relay channel's value.serializer (META-INF/microprofile-config.properties). */
    private final StringSerializer valueSerializer = new StringSerializer();

    private final CloudEventDeserializer sdk = new CloudEventDeserializer();

    @BeforeEach
    void connectToKafka() {
        relay.emitter = kafka;
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theSdksKafkaDeserializerReadsTheEventTheRelaySends(EventType type) throws IOException {
        CloudEvent<ReleaseEvent> event = GoldenEvents.of(type);

        Message<? extends String> sent = relayed(event);
        OutgoingKafkaRecordMetadata<?> record = RecordingEmitter.kafka(sent);
        byte[] value = valueSerializer.serialize(record.getTopic(), sent.getPayload());
        io.cloudevents.CloudEvent read = sdk.deserialize(record.getTopic(), record.getHeaders(), value);

        assertThat(record.getTopic()).isEqualTo(type.topic());
        assertThat(record.getKey()).isEqualTo(event.subject());
        assertThat(read.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(read.getId()).isEqualTo(event.id().toString());
        assertThat(read.getSource()).isEqualTo(URI.create(event.source()));
        assertThat(read.getType()).isEqualTo(event.type());
        assertThat(read.getSubject()).isEqualTo(event.subject());
        assertThat(read.getTime()).isNotNull();
        assertThat(read.getTime().toInstant()).isEqualTo(event.time());
        assertThat(read.getDataContentType()).isEqualTo(CloudEvent.CONTENT_TYPE);
        assertThat(read.getDataSchema()).as("Rollwatch names no dataschema").isNull();
        // A misspelt ce_ header would not be missed by the SDK: it would read it as an extension.
        assertThat(read.getExtensionNames()).as("extensions").isEmpty();
        assertThat(read.getData()).isNotNull();
        assertThat(read.getData().toBytes()).isEqualTo(sent.getPayload().getBytes(StandardCharsets.UTF_8));
        assertThat(asRollwatchEvent(read, type)).isEqualTo(event);
    }

    private Message<? extends String> relayed(CloudEvent<ReleaseEvent> event) {
        OutboxEntry entry = outbox.entryFor(event);
        OutboxRelay.Sent sent = relay.sendAll(List.of(entry), NOW).await().atMost(Duration.ofSeconds(5));
        assertThat(sent.acknowledged()).containsExactly(entry);
        return kafka.sent().get(0);
    }

    /** The event as a consumer with only the SDK and the payload records would build it. */
    private static CloudEvent<Object> asRollwatchEvent(io.cloudevents.CloudEvent read, EventType type)
            throws IOException {
        return new CloudEvent<>(
                UUID.fromString(read.getId()),
                read.getType(),
                read.getSource().toString(),
                read.getTime().toInstant(),
                read.getSubject(),
                EventJson.mapper().readValue(read.getData().toBytes(), type.payloadType()));
    }
}
