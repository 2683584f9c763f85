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

    /** The local broker grants each service what the access table says, for its own user only. */
    @Test
    void grantsEachServiceTheAccessTablesAclsAndNothingMore() {
        KafkaAccess access = KafkaAccess.standard();
        var bindings = LocalKafka.aclBindings(access);
        assertThat(bindings).hasSameSizeAs(access.grants());
        assertThat(bindings)
                .filteredOn(b -> b.entry().principal().equals("User:executor-service")
                        && b.entry().operation() == org.apache.kafka.common.acl.AclOperation.WRITE)
                .extracting(b -> b.pattern().name())
                .contains(Topics.STEP_COMPLETED)
                .doesNotContain(Topics.HEALTH_DEGRADED, Topics.RELEASE_REQUESTED, Topics.RELEASE_COMMANDS);
    }
}
