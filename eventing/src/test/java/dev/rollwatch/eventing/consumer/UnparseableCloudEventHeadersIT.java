package dev.rollwatch.eventing.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.HealthPassed;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.codec.EncodedEvent;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A record whose CloudEvents headers are all there but one cannot be parsed reaches Rollwatch's consumer,
 * which dead-letters it and goes on with the partition. The Kafka connector's own CloudEvents support,
 * on by default, parses those headers before any consumer sees the record and fails the whole channel on
 * one it cannot read: the eventing defaults turn it off, and this shows a channel surviving such a record.
 */
@QuarkusTest
class UnparseableCloudEventHeadersIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DEAD_LETTERS = Topics.deadLetter(Topics.HEALTH_PASSED);

    @Inject
    BreakableConsumer service;

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void deadLettersARecordWhoseTimeIsNoTimestampAndAppliesTheReleasesNextEvent() {
        String release = "rel-ce-" + UUID.randomUUID().toString().substring(0, 8);
        EncodedEvent poison = new EventCodec().encode(passed(release, 10));
        Map<String, String> headers = new HashMap<>(poison.headers());
        headers.put("ce_time", "yesterday");
        CloudEvent<HealthPassed> next = passed(release, 25);

        try (TopicRecorder deadLetters = kafka.record(DEAD_LETTERS)) {
            // Same key, same partition: the next event is only reached once the poison record is settled.
            kafka.sendRaw(poison.topic(), poison.key(), headers, poison.payload());
            kafka.send(next);

            Awaitility.await("the release's next event applied")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> service.appliedFor(release), List.of(next.id())::equals);
            ConsumerRecord<String, String> deadLetter = deadLetters.awaitRecord(DEAD_LETTERS, release);
            assertThat(TopicRecorder.headers(deadLetter).get("ce_id"))
                    .isEqualTo(poison.headers().get("ce_id"));
            assertThat(TopicRecorder.headers(deadLetter).get("dead-letter-reason"))
                    .contains("rejects the event", "/time");
        }
    }

    private static CloudEvent<HealthPassed> passed(String release, int weight) {
        return EventFixtures.event("health-monitor-service", EventFixtures.healthPassed(release, weight));
    }
}
