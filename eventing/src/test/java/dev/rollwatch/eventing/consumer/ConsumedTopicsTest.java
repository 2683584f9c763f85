package dev.rollwatch.eventing.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumedTopicsTest {

    @Test
    void theTopicOfEveryIncomingChannelHasItsDeadLetterCountersFromTheStartButNoDeadLetterOrOutgoingTopic() {
        var config = new SmallRyeConfigBuilder()
                .withDefaultValues(Map.of(
                        "mp.messaging.incoming.release-requested.topic", "release.requested",
                        "mp.messaging.incoming.release-requested.dead-letter-queue.topic", "release.requested.dlq",
                        "mp.messaging.incoming.health-passed.topic", "health.passed",
                        "mp.messaging.outgoing.step-completed.topic", "step.completed"))
                .build();

        assertThat(EventConsumer.consumedTopics(config)).containsExactly("health.passed", "release.requested");
    }
}
