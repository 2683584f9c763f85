package dev.rollwatch.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Without a bot token Slack goes through the channel's incoming webhook (no threads, no edits), and
 * without an API key the status page is a no-op: nothing queued, nothing sent, nothing failing.
 */
@QuarkusTest
@ExtendWith(SentRequestsFollowTheApis.class)
@TestProfile(IncomingWebhookIT.NoBotTokenNoStatuspage.class)
class IncomingWebhookIT {

    public static class NoBotTokenNoStatuspage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rollwatch.notifier.slack.bot-token", "", "rollwatch.notifier.statuspage.api-key", "");
        }
    }

    private static final String HOOK = "/slack-hooks/T000/B000/secret-path";

    private KafkaTestClient kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        kafka.createTopics(Releases.CONSUMED.toArray(String[]::new));
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    private static List<JsonNode> messagesAbout(String releaseId) {
        return Remote.find(postRequestedFor(urlEqualTo(HOOK))).stream()
                .map(Remote::json)
                .filter(body -> body.toString().contains("Release `" + releaseId + "`"))
                .toList();
    }

    @Test
    void everyNoticeIsItsOwnMessageSayingWhichReleaseItIsAbout() {
        String component = Releases.unique("cmp");
        String id = Releases.request(kafka, Releases.slack("#hooks-only"), Releases.statuspage("pg", component))
                .subject();
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 10)));
        kafka.send(EventFixtures.event("executor-service", EventFixtures.promoted(id, 4)));

        await().atMost(Duration.ofSeconds(30)).until(() -> messagesAbout(id).size() == 3);
        // Sent one after another in a channel: the next step's message would be here by now.
        kafka.send(EventFixtures.event("health-monitor-service", EventFixtures.healthDegraded(id)));
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesAbout(id).size() == 4);

        List<JsonNode> messages = messagesAbout(id);
        assertThat(messages.get(0).at("/attachments/0/blocks/0/text/text").asText())
                .isEqualTo(":hourglass_flowing_sand: *checkout* 1.4.2 to `shop`\n"
                        + "Requested by ci-bot; waiting for the first step.");
        assertThat(messages)
                .extracting(m -> m.get("text").asText())
                .containsExactly(
                        ":hourglass_flowing_sand: checkout 1.4.2: Requested by ci-bot; waiting for the first step.",
                        ":arrow_forward: checkout 1.4.2: Step 1/4: 10% of traffic on 1.4.2.",
                        ":white_check_mark: checkout 1.4.2: 1.4.2 promoted to stable. new version promoted to stable",
                        ":chart_with_downwards_trend: checkout 1.4.2: Health degraded at 10% canary traffic: error rate "
                                + "12.4% &gt; 5% for 3 consecutive windows\n• errorRate 12.4% &gt; 5% over 1m (baseline 0.4%, "
                                + "1840 requests)");
        assertThat(messages).noneMatch(m -> m.has("thread_ts") || m.has("channel"));
        // Neither the Web API nor Statuspage was called.
        assertThat(Remote.slack("#hooks-only")).isEmpty();
        assertThat(Remote.find(postRequestedFor(urlMatching("/statuspage/.*"))))
                .noneMatch(request -> request.getBodyAsString().contains(component));
        assertThat(Remote.statuspage(component)).isEmpty();
    }
}
