package dev.rollwatch.eventing.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.eventing.EventingConfigs;
import dev.rollwatch.eventing.consumer.KafkaRecords.Received;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.codec.EncodedEvent;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.events.codec.MalformedEventException;
import dev.rollwatch.events.fixtures.EventFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the consumer does before any database work: decode, validate, and dead-letter what fails. */
class EventConsumerDecodeTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final CloudEvent<StepCompleted> EVENT =
            EventFixtures.event("executor-service", EventFixtures.weightSet("rel-7", 1, 4, 25));
    private static final EncodedEvent ENCODED = CODEC.encode(EVENT);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // The inbox and the parked events are only reached inside the database transaction, which a malformed record never
    // gets to.
    private final EventConsumer consumer =
            new EventConsumer(null, null, EventingConfigs.defaults(), Clock.systemUTC(), registry);
    private final List<CloudEvent<ReleaseEvent>> handled = new CopyOnWriteArrayList<>();

    @Test
    void deadLettersARecordThatIsNotACloudEvent() {
        Received record = KafkaRecords.received(
                Topics.STEP_COMPLETED, "rel-7", List.of(Map.entry("content-type", "application/json")), "{}");

        consume(record);

        assertDeadLettered(record, "missing CloudEvents header ce_specversion");
    }

    /** Alerts take increase() of them: a counter born at 1 would show no increase for its first dead letter. */
    @Test
    void everyDeadLetterCounterOfATopicExistsFromItsFirstRecordOn() {
        consume(KafkaRecords.received(
                Topics.STEP_COMPLETED, "rel-7", List.of(Map.entry("content-type", "application/json")), "{}"));

        assertThat(registry.find("rollwatch.events.dead.lettered")
                        .tag("topic", Topics.STEP_COMPLETED)
                        .counters())
                .extracting(c -> c.getId().getTag("reason.class"), c -> c.count())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("invalid", 1.0),
                        org.assertj.core.groups.Tuple.tuple("unknown-type", 0.0),
                        org.assertj.core.groups.Tuple.tuple("refused", 0.0),
                        org.assertj.core.groups.Tuple.tuple("unparkable", 0.0));
    }

    static Stream<Arguments> malformedRecords() {
        return Stream.of(
                Arguments.of(
                        "no record key",
                        KafkaRecords.received(ENCODED.topic(), null, headers(), ENCODED.payload()),
                        "record key missing",
                        "invalid"),
                Arguments.of(
                        "a version nobody knows",
                        KafkaRecords.received(
                                ENCODED.topic(),
                                ENCODED.key(),
                                replaced("ce_type", "dev.rollwatch.step.completed.v9"),
                                ENCODED.payload()),
                        "unknown event type or version 'dev.rollwatch.step.completed.v9'",
                        "unknown-type"),
                Arguments.of(
                        "an event on another type's topic",
                        KafkaRecords.received(Topics.HEALTH_DEGRADED, ENCODED.key(), headers(), ENCODED.payload()),
                        "does not belong on topic health.degraded",
                        "invalid"),
                Arguments.of(
                        "a key that is not the event's release",
                        KafkaRecords.received(ENCODED.topic(), "rel-8", headers(), ENCODED.payload()),
                        "record key 'rel-8' differs from ce_subject 'rel-7'",
                        "invalid"),
                Arguments.of(
                        "a payload that is not JSON",
                        KafkaRecords.received(ENCODED.topic(), ENCODED.key(), headers(), "stepIndex=1"),
                        "payload is not JSON",
                        "invalid"),
                Arguments.of(
                        "a payload its schema rejects",
                        KafkaRecords.received(ENCODED.topic(), ENCODED.key(), headers(), "{\"releaseId\":\"rel-7\"}"),
                        "schema dev.rollwatch.step.completed.v1 rejects the event",
                        "invalid"),
                Arguments.of(
                        "a required header without a value",
                        KafkaRecords.received(
                                ENCODED.topic(), ENCODED.key(), replaced("ce_id", null), ENCODED.payload()),
                        "missing CloudEvents header ce_id",
                        "invalid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRecords")
    void deadLettersAMalformedRecordWithTheReasonAndNeverHandlesIt(
            String what, Received record, String reason, String reasonClass) {
        consume(record);

        assertDeadLettered(record, reason);
        assertThat(registry.counter(
                                "rollwatch.events.dead.lettered",
                                "topic",
                                record.metadata.getTopic(),
                                "reason.class",
                                reasonClass)
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void decodesARecordIntoTheEventItsProducerEncoded() {
        Received record = KafkaRecords.received(ENCODED);

        assertThat(consumer.decode(record.message)).isEqualTo(EVENT);
    }

    @Test
    void readsTheLastValueOfAHeaderThatAppearsTwice() {
        List<Map.Entry<String, String>> headers = headers();
        headers.add(0, Map.entry("ce_source", "an-earlier-hop"));
        Received record = KafkaRecords.received(ENCODED.topic(), ENCODED.key(), headers, ENCODED.payload());

        assertThat(consumer.decode(record.message).source()).isEqualTo("executor-service");
    }

    @Test
    void refusesAMessageThatDidNotComeFromKafka() {
        assertThatThrownBy(() -> consumer.decode(Message.of(ENCODED.payload())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Not a Kafka record");
    }

    private void consume(Received record) {
        consumer.consume(record.message, event -> {
                    handled.add(event);
                    return Uni.createFrom().voidItem();
                })
                .await()
                .atMost(Duration.ofSeconds(5));
    }

    private void assertDeadLettered(Received record, String reason) {
        assertThat(record.nacks)
                .singleElement()
                .satisfies(nack -> assertThat(nack)
                        .isInstanceOf(MalformedEventException.class)
                        .hasMessageContaining(reason));
        assertThat(record.acks).hasValue(0);
        assertThat(handled).isEmpty();
        assertThat(registry.counter(
                                "rollwatch.events.consumed",
                                "topic",
                                record.metadata.getTopic(),
                                "outcome",
                                "dead-lettered")
                        .count())
                .isEqualTo(1.0);
    }

    /** The producer's headers in a list that may repeat names. */
    private static List<Map.Entry<String, String>> headers() {
        return new ArrayList<>(ENCODED.headers().entrySet());
    }

    private static List<Map.Entry<String, String>> replaced(String name, String value) {
        List<Map.Entry<String, String>> headers = headers();
        headers.replaceAll(h -> h.getKey().equals(name) ? new java.util.AbstractMap.SimpleEntry<>(name, value) : h);
        return headers;
    }
}
