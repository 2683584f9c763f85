package dev.rollwatch.testing.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rollwatch.events.Topics;
import dev.rollwatch.testing.KafkaTestClient;
import java.util.Map;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test broker enforces the access table: what the services' own tests run against is production's rule. */
class KafkaBrokerAclIT {

    @BeforeAll
    static void onlyOnTheSecuredBroker() {
        assumeTrue(KafkaBroker.secured(), "an external or Testcontainers broker runs without ACLs");
    }

    @Test
    void aStrangerCannotForgeHealthDegradedCommandsOrRequests() {
        try (KafkaTestClient stranger = new KafkaTestClient(KafkaBroker.STRANGER)) {
            for (String topic :
                    new String[] {Topics.HEALTH_DEGRADED, Topics.RELEASE_COMMANDS, Topics.RELEASE_REQUESTED}) {
                assertThat(stranger.trySendRaw(topic, "r-1", Map.of(), "{}"))
                        .as(topic)
                        .get()
                        .isInstanceOf(AuthorizationException.class);
            }
        }
    }

    @Test
    void aServiceWritesOnlyTheTopicsItOwns() {
        try (KafkaTestClient executor = new KafkaTestClient("executor-service")) {
            assertThat(executor.trySendRaw(Topics.HEALTH_DEGRADED, "r-1", Map.of(), "{}"))
                    .get()
                    .isInstanceOf(TopicAuthorizationException.class);
            assertThat(executor.trySendRaw(Topics.RELEASE_REQUESTED, "r-1", Map.of(), "{}"))
                    .get()
                    .isInstanceOf(TopicAuthorizationException.class);
            assertThat(executor.trySendRaw(Topics.STEP_COMPLETED, "r-1", Map.of(), "{}"))
                    .isEmpty();
            assertThat(executor.trySendRaw(Topics.deadLetter(Topics.RELEASE_REQUESTED), "r-1", Map.of(), "{}"))
                    .as("the dead-letter topic of a topic it consumes")
                    .isEmpty();
        }
    }

    @Test
    void onlyTheReleaseServiceWritesReleaseRequested() {
        try (KafkaTestClient releases = new KafkaTestClient("release-service");
                KafkaTestClient rollbacks = new KafkaTestClient("rollback-service")) {
            assertThat(releases.trySendRaw(Topics.RELEASE_REQUESTED, "r-1", Map.of(), "{}"))
                    .isEmpty();
            assertThat(rollbacks.trySendRaw(Topics.RELEASE_REQUESTED, "r-1", Map.of(), "{}"))
                    .get()
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }
}
