package dev.rollwatch.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.notifier.messaging.DeadLetters;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * S8: a release may name only the Slack channels and Statuspage pages its namespace is allowed
 * ({@code rollwatch.notifier.targets}; the test profile gives namespace team-a #team-a-releases and
 * page-a, and every other namespace anything). The notifier holds the credentials, so it refuses.
 */
@QuarkusTest
class NamespaceTargetsIT {

    private static final String OWN_CHANNEL = "#team-a-releases";
    private static final String OTHER_CHANNEL = "#team-b-releases";

    private KafkaTestClient kafka;
    private TopicRecorder deadLetters;
    private CapturedLogs logs;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        kafka.createTopics(Releases.CONSUMED.toArray(String[]::new));
        deadLetters = kafka.record(DeadLetters.TOPIC);
        logs = CapturedLogs.start();
    }

    @AfterEach
    void tearDown() {
        logs.close();
        deadLetters.close();
        kafka.close();
    }

    @Test
    void anotherTeamsChannelAndPageGetNothingAndAreReportedWhileTheReleasesOwnTargetsAreTold() {
        String hookPath = "/hooks/ok/" + Releases.unique("team-a") + "/s3cret-token";
        String component = Releases.unique("cmp");
        CloudEvent<ReleaseRequested> requested = Releases.request(
                kafka,
                ReleaseRequestBuilder.canary().namespace("team-a"),
                Releases.slack(OTHER_CHANNEL),
                Releases.statuspage("page-b", component),
                Releases.slack(OWN_CHANNEL),
                Releases.statuspage("page-a", component),
                Releases.webhook(Remote.baseUrl() + hookPath));
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(requested.subject(), 0, 4, 10)));
        kafka.send(EventFixtures.event("health-monitor-service", EventFixtures.healthDegraded(requested.subject())));

        // Each refused target is reported once, like any message that cannot be delivered.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> deadLetters
                                .records(DeadLetters.TOPIC, requested.subject())
                                .size()
                        >= 2);
        List<Map<String, String>> refusals = deadLetters.records(DeadLetters.TOPIC, requested.subject()).stream()
                .map(TopicRecorder::headers)
                .toList();
        assertThat(refusals)
                .extracting(headers -> headers.get(DeadLetters.REASON))
                .containsExactlyInAnyOrder(
                        "slack:team-b-releases is not allowed for namespace 'team-a'"
                                + " (rollwatch.notifier.targets.\"team-a\".slack-channels)",
                        "statuspage:page-b/" + component + " is not allowed for namespace 'team-a'"
                                + " (rollwatch.notifier.targets.\"team-a\".statuspage-pages)");
        assertThat(refusals).allSatisfy(headers -> {
            assertThat(headers.get(DeadLetters.CHANNEL)).isEqualTo("refused");
            assertThat(headers.get(DeadLetters.KIND)).isEqualTo("REFUSAL");
            assertThat(headers.get("ce_id")).isEqualTo(requested.id().toString());
        });

        // The allowed targets get every message: the thread with its reply, the incident, the webhooks.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Remote.slack(OWN_CHANNEL).stream().anyMatch(Remote.SlackCall::isReply));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !Remote.statuspage(component).isEmpty());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Remote.find(postRequestedFor(urlEqualTo(hookPath))).size() >= 3);
        // The refused ones got nothing, neither the request nor the later events, and nothing more was reported.
        assertThat(Remote.slack(OTHER_CHANNEL)).isEmpty();
        assertThat(Remote.statuspage(component))
                .allSatisfy(call -> assertThat(call.path()).startsWith("/statuspage/v1/pages/page-a/"));
        assertThat(deadLetters.records(DeadLetters.TOPIC, requested.subject())).hasSize(2);

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern(
                        "rollwatch_notifier_targets_refused_total\\{namespace=\"team-a\",type=\"slack\"[^}]*} [1-9]")
                .containsPattern(
                        "rollwatch_notifier_targets_refused_total\\{namespace=\"team-a\",type=\"statuspage\"[^}]*} [1-9]")
                .containsPattern("rollwatch_notifier_dead_letters_total\\{channel=\"refused\"[^}]*} [1-9]");
        assertThat(logs.lines())
                .anyMatch(line -> line.contains("slack:team-b-releases") && line.contains("team-a"))
                .noneMatch(line -> line.contains("s3cret-token")
                        || line.contains(WireMockResource.BOT_TOKEN)
                        || line.contains(WireMockResource.STATUSPAGE_KEY));
    }

    @Test
    void aRefusedChannelNamedTwoWaysIsReportedOnceAndTheAllowedTargetsAreStillTold() {
        long parentsBefore = Remote.slack(OWN_CHANNEL).stream()
                .filter(Remote.SlackCall::isParent)
                .count();
        CloudEvent<ReleaseRequested> requested = Releases.request(
                kafka,
                ReleaseRequestBuilder.canary().namespace("team-a"),
                Releases.slack(OTHER_CHANNEL),
                Releases.slack(OTHER_CHANNEL.substring(1)),
                Releases.slack(OWN_CHANNEL));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> Remote.slack(OWN_CHANNEL).stream()
                                .filter(Remote.SlackCall::isParent)
                                .count()
                        > parentsBefore);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !deadLetters
                        .records(DeadLetters.TOPIC, requested.subject())
                        .isEmpty());
        assertThat(deadLetters.records(DeadLetters.TOPIC, requested.subject()))
                .singleElement()
                .satisfies(record -> assertThat(TopicRecorder.headers(record).get(DeadLetters.REASON))
                        .startsWith("slack:team-b-releases is not allowed for namespace 'team-a'"));
        assertThat(Remote.slack(OTHER_CHANNEL)).isEmpty();
    }

    @Test
    void aNamespaceWithoutAnEntryOfItsOwnUsesTheStarEntry() {
        String channel = "#" + Releases.unique("shop");
        CloudEvent<ReleaseRequested> requested =
                Releases.request(kafka, ReleaseRequestBuilder.canary().namespace("shop"), Releases.slack(channel));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> Remote.slack(channel).stream().anyMatch(Remote.SlackCall::isParent));
        assertThat(deadLetters.records(DeadLetters.TOPIC, requested.subject())).isEmpty();
    }
}
