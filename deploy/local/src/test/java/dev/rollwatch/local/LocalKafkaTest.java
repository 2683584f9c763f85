package dev.rollwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.EventType;
import dev.rollwatch.events.Topics;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LocalKafkaTest {

    /** The local system has the topics production has, each event's with its dead-letter topic, not left to auto-creation. */
    @Test
    void createsEveryTopicAnEventIsPublishedOnWithItsDeadLetterTopic() {
        assertThat(Arrays.stream(EventType.values())
                        .map(EventType::topic)
                        .filter(topic -> !topic.equals(Topics.RELEASE_STATUS)))
                .allMatch(LocalKafka.TOPICS::contains);
    }
}
