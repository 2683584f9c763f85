package dev.rollwatch.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.notifier.messaging.DeadLetters;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With the local-use switch off (as in production), nothing on this machine can be called, not even by the configured Slack URL. */
@QuarkusTest
@ExtendWith(SentRequestsFollowTheApis.class)
@TestProfile(LocalUseOffIT.LoopbackRefused.class)
class LocalUseOffIT {

    public static class LoopbackRefused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rollwatch.notifier.outbound.allow-loopback", "false");
        }
    }

    private KafkaTestClient kafka;
    private TopicRecorder deadLetters;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        kafka.createTopics(Releases.CONSUMED.toArray(String[]::new));
        deadLetters = kafka.record(DeadLetters.TOPIC);
    }

    @AfterEach
    void tearDown() {
        deadLetters.close();
        kafka.close();
    }

    @Test
    void aLoopbackUrlIsRefusedWithoutBeingCalled() {
        String path = "/hooks/ok/" + Releases.unique("local");
        String channel = "#" + Releases.unique("local");
        CloudEvent<ReleaseRequested> requested =
                Releases.request(kafka, Releases.webhook(Remote.baseUrl() + path), Releases.slack(channel));

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> deadLetters
                                .records(DeadLetters.TOPIC, requested.subject())
                                .size()
                        == 2);

        List<ConsumerRecord<String, String>> dead = deadLetters.records(DeadLetters.TOPIC, requested.subject());
        assertThat(dead)
                .extracting(r -> TopicRecorder.headers(r).get(DeadLetters.CHANNEL))
                .containsExactlyInAnyOrder("webhook", "slack");
        assertThat(dead)
                .allSatisfy(r -> assertThat(TopicRecorder.headers(r).get(DeadLetters.REASON))
                        .matches("URL refused: host localhost resolves to loopback address .+, which is not allowed"));
        assertThat(Remote.find(postRequestedFor(urlEqualTo(path)))).isEmpty();
        assertThat(Remote.slack(channel)).isEmpty();
    }
}
