package dev.rollwatch.eventing.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.codec.MalformedEventException;
import dev.rollwatch.events.fixtures.EventFixtures;
import org.junit.jupiter.api.Test;

/** A topic's handler gets its event typed, and a payload of another type never reaches it cast. */
class TypedPayloadTest {

    @Test
    void handsTheHandlerTheEventOfItsTopicsType() {
        CloudEvent<ReleaseEvent> event =
                EventFixtures.<ReleaseEvent>event("executor-service", EventFixtures.weightSet("r-1", 0, 4, 10));

        CloudEvent<StepCompleted> typed = EventConsumer.typed(event, StepCompleted.class);

        assertThat(typed.data().weights().canary()).isEqualTo(10);
    }

    @Test
    void refusesAPayloadOfAnotherTypeAsMalformedSoItIsDeadLettered() {
        CloudEvent<ReleaseEvent> event =
                EventFixtures.<ReleaseEvent>event("executor-service", EventFixtures.weightSet("r-1", 0, 4, 10));

        assertThatThrownBy(() -> EventConsumer.typed(event, RollbackTriggered.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("expected RollbackTriggered on this topic, got StepCompleted");
    }
}
