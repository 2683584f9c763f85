package dev.rollwatch.eventing.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.eventing.EventingConfigs;
import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.fixtures.EventFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's sending rules for one batch, with Kafka's answers scripted: order within a release,
 * independence between releases, and the wait after a refusal. Reading and marking rows is the
 * database's part and is covered by the component test.
 */
class OutboxRelayTest {

    private static final Instant NOW = Instant.parse("2026-11-20T14:05:00Z");
    private static final Duration REFUSED_RETRY = Duration.ofSeconds(5);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // Vert.x only drives the poll loop and relayNow, which these tests do not use.
    private final OutboxRelay relay = new OutboxRelay(
            EventingConfigs.with(Map.of("rollwatch.eventing.outbox.refused-retry", REFUSED_RETRY.toString())),
            clock,
            registry,
            null);
    private final RecordingEmitter kafka = new RecordingEmitter();
    private final Outbox outbox = new Outbox(clock);

    private final OutboxEntry a1 = entry("rel-a");
    private final OutboxEntry a2 = entry("rel-a");
    private final OutboxEntry b1 = entry("rel-b");
    private final OutboxEntry b2 = entry("rel-b");

    @BeforeEach
    void connectToKafka() {
        relay.emitter = kafka;
    }

    @Test
    void sendsAnEntryToItsTopicKeyedByItsReleaseWithItsCloudEventsHeaders() {
        assertThat(sendAll(a1).acknowledged()).containsExactly(a1);

        Message<? extends String> message = kafka.sent().get(0);
        assertThat(message.getPayload()).isEqualTo(a1.payload);
        assertThat(RecordingEmitter.kafka(message).getTopic()).isEqualTo(Topics.RELEASE_STATUS);
        assertThat(RecordingEmitter.kafka(message).getKey()).isEqualTo("rel-a");
        assertThat(headers(message)).isEqualTo(OutboxRelay.readHeaders(a1));
    }

    @Test
    void aRefusedEntryHoldsBackTheRestOfItsReleaseButNoOtherRelease() {
        kafka.answer(id(a1), message -> Uni.createFrom().failure(new TimeoutException("no leader")));

        assertThat(sendAll(a1, b1, a2, b2).acknowledged()).containsExactly(b1, b2);

        assertThat(kafka.sentIds()).containsExactlyInAnyOrder(id(a1), id(b1), id(b2));
        assertThat(registry.counter("rollwatch.outbox.refused").count()).isEqualTo(1.0);
    }

    @Test
    void anEntryRefusedForGoodIsSetAsideAndTheRestOfItsReleaseGoesOut() {
        kafka.answer(id(a1), message -> Uni.createFrom().failure(new RecordTooLargeException("1.2 MB")));

        OutboxRelay.Sent sent = sendAll(a1, b1, a2, b2);

        assertThat(sent.acknowledged()).containsExactly(b1, a2, b2);
        assertThat(sent.undeliverable()).containsOnlyKeys(a1);
        assertThat(sent.undeliverable().get(a1)).isEqualTo("the event is larger than the broker accepts");
        assertThat(kafka.sentIds()).containsExactlyInAnyOrder(id(a1), id(b1), id(a2), id(b2));
        // Not retried: the key does not wait.
        assertThat(relay.keysWaitingAt(NOW)).isEmpty();
        assertThat(registry.counter("rollwatch.outbox.refused").count()).isZero();
    }

    @Test
    void sendsTheNextEntryOfAReleaseOnlyOnceKafkaAcknowledgedTheOneBeforeIt() {
        CompletableFuture<Void> a1Acknowledged = new CompletableFuture<>();
        kafka.answer(id(a1), message -> Uni.createFrom().completionStage(a1Acknowledged));

        CompletableFuture<OutboxRelay.Sent> batch =
                relay.sendAll(List.of(a1, b1, a2), NOW).subscribeAsCompletionStage();

        // Sends happen as the batch is subscribed; a2 can only be sent from a1's acknowledgement.
        assertThat(kafka.sentIds()).containsExactlyInAnyOrder(id(a1), id(b1));
        assertThat(batch).isNotDone();

        a1Acknowledged.complete(null);

        assertThat(kafka.sentIds()).containsExactly(id(a1), id(b1), id(a2));
        assertThat(batch).isCompleted();
        assertThat(batch.join().acknowledged()).containsExactly(a1, b1, a2);
    }

    @Test
    void aRefusedReleaseWaitsTheRefusedRetryBeforeItIsSentAgain() {
        kafka.answer(id(a1), message -> Uni.createFrom().failure(new TimeoutException("no leader")));
        sendAll(a1, b1);

        assertThat(relay.keysWaitingAt(NOW.plus(REFUSED_RETRY).minusMillis(1))).containsExactly("rel-a");
        assertThat(relay.keysWaitingAt(NOW.plus(REFUSED_RETRY))).isEmpty();
    }

    @Test
    void anEntryWhoseStoredHeadersCannotBeReadIsSetAsideWithoutBeingSentOrFailingTheBatch() {
        OutboxEntry unreadable =
                new OutboxEntry(UUID.randomUUID(), Topics.RELEASE_STATUS, "rel-a", "{not json", "{}", NOW);
        unreadable.id = 7L;

        OutboxRelay.Sent sent = sendAll(unreadable, a2, b1);

        assertThat(sent.acknowledged()).containsExactly(a2, b1);
        assertThat(sent.undeliverable()).containsOnlyKeys(unreadable);
        assertThat(kafka.sentIds()).containsExactly(id(a2), id(b1));
    }

    private OutboxRelay.Sent sendAll(OutboxEntry... entries) {
        return relay.sendAll(List.of(entries), NOW).await().atMost(Duration.ofSeconds(5));
    }

    private OutboxEntry entry(String releaseId) {
        return outbox.entryFor(
                EventFixtures.event("release-service", EventFixtures.status(releaseId, ReleaseState.PROGRESSING)));
    }

    private static String id(OutboxEntry entry) {
        return entry.eventId.toString();
    }

    private static Map<String, String> headers(Message<?> message) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : RecordingEmitter.kafka(message).getHeaders()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
