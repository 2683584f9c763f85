package dev.rollwatch.eventing.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.events.fixtures.EventFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The outbox row an event becomes, and that the relay can turn it back into the same event. */
class OutboxTest {

    private static final Instant NOW = Instant.parse("2026-11-20T14:05:00Z");

    private final Outbox outbox = new Outbox(Clock.fixed(NOW, ZoneOffset.UTC));
    private final EventCodec codec = new EventCodec();
    private final CloudEvent<StepCompleted> event =
            EventFixtures.event("executor-service", EventFixtures.weightSet("rel-3", 1, 4, 25));

    @Test
    void storesAnEventForItsTopicKeyedByItsReleaseAndUnpublished() {
        OutboxEntry entry = outbox.entryFor(event);

        assertThat(entry.eventId).isEqualTo(event.id());
        assertThat(entry.topic).isEqualTo(Topics.STEP_COMPLETED);
        assertThat(entry.recordKey).isEqualTo("rel-3");
        assertThat(entry.createdAt).isEqualTo(NOW);
        assertThat(entry.publishedAt).isNull();
        assertThat(entry.id).as("assigned by the database").isNull();
    }

    @Test
    void storesTheCloudEventsHeadersTheRelaySendsWithTheEvent() {
        OutboxEntry entry = outbox.entryFor(event);

        assertThat(OutboxRelay.readHeaders(entry)).isEqualTo(codec.encode(event).headers());
    }

    @Test
    void anEntryRelayedAsStoredDecodesToTheEventThatWasPublished() {
        OutboxEntry entry = outbox.entryFor(event);

        assertThat(codec.decode(entry.topic, entry.recordKey, OutboxRelay.readHeaders(entry), entry.payload))
                .isEqualTo(event);
    }

    @Test
    void refusesAnEventItsSchemaRejectsBeforeTouchingTheTransaction() {
        // A release id with a space breaks the contract's id pattern; the record itself allows it.
        CloudEvent<StepCompleted> invalid =
                EventFixtures.event("executor-service", EventFixtures.weightSet("rel 3", 1, 4, 25));

        // publish throws before it asks for the session, so no Quarkus is needed to see it refuse.
        assertThatThrownBy(() -> outbox.publish(invalid))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("violates its schema");
    }

    @Test
    void refusesToRelayAnEntryWhoseStoredHeadersAreUnreadable() {
        OutboxEntry entry = new OutboxEntry(UUID.randomUUID(), Topics.STEP_COMPLETED, "rel-3", "{not json", "{}", NOW);
        entry.id = 42L;

        assertThatThrownBy(() -> OutboxRelay.readHeaders(entry))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Outbox entry 42 has unreadable headers");
    }
}
