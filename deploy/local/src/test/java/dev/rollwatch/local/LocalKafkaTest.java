package dev.rollwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.EventType;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.access.KafkaAccess;
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

    /**
     * Every topic the access table grants is created (auto-creation is off on the local broker, and no
     * service may create a topic), so no service waits on a topic that never comes.
     */
    @Test
    void createsEveryTopicTheAccessTableGrants() {
        java.util.Set<String> created = new java.util.TreeSet<>(LocalKafka.TOPICS);
        LocalKafka.TOPICS.forEach(topic -> created.add(Topics.deadLetter(topic)));
        created.add(Topics.RELEASE_STATUS);
        created.add("notifications.dlq");
        assertThat(created).containsAll(KafkaAccess.standard().topics());
    }
}
