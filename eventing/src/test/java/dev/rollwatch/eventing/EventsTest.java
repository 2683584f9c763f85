package dev.rollwatch.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.events.fixtures.EventFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T14:05:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final StepCompleted step = EventFixtures.weightSet("rel-42", 1, 4, 25);

    @Test
    void createsEventsWithTheApplicationAsSourceAtTheClocksTime() {
        Events events = new Events(EventingConfigs.defaults(), CLOCK);

        CloudEvent<StepCompleted> event = events.create(step);

        assertThat(event.source()).isEqualTo(EventingConfigs.APPLICATION);
        assertThat(event.time()).isEqualTo(NOW);
        assertThat(event.type()).isEqualTo("dev.rollwatch.step.completed.v1");
        assertThat(event.subject()).isEqualTo("rel-42");
        assertThat(event.data()).isSameAs(step);
    }

    @Test
    void usesAConfiguredSourceInsteadOfTheApplicationName() {
        Events events =
                new Events(EventingConfigs.with(Map.of("rollwatch.eventing.source", "ci/github-actions")), CLOCK);

        assertThat(events.create(step).source()).isEqualTo("ci/github-actions");
    }

    @Test
    void givesEveryEventAnIdOfItsOwnSoConsumersCanTellRedeliveriesFromNewEvents() {
        Events events = new Events(EventingConfigs.defaults(), CLOCK);

        assertThat(events.create(step).id()).isNotEqualTo(events.create(step).id());
    }

    @Test
    void createsEventsTheirSchemaAccepts() {
        CloudEvent<StepCompleted> event = new Events(EventingConfigs.defaults(), CLOCK).create(step);

        // encode validates against the schema and throws on a violation.
        assertThat(new EventCodec().encode(event).headers()).containsEntry("ce_source", EventingConfigs.APPLICATION);
    }
}
