package dev.rollwatch.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.notifier.messaging.DeadLetters;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Generic webhooks: the CloudEvent as JSON signed the Standard Webhooks way, permanent failures
 * dead-lettered, internal addresses refused at the door and before every attempt.
 */
@QuarkusTest
@ExtendWith(SentRequestsFollowTheApis.class)
class WebhookIT {

    private KafkaTestClient kafka;
    private TopicRecorder deadLetters;
    private TopicRecorder releaseDeadLetters;
    private CapturedLogs logs;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        kafka.createTopics(Releases.CONSUMED.toArray(String[]::new));
        deadLetters = kafka.record(DeadLetters.TOPIC);
        releaseDeadLetters = kafka.record(Topics.RELEASE_REQUESTED + ".dlq");
        logs = CapturedLogs.start();
    }

    @AfterEach
    void tearDown() {
        logs.close();
        deadLetters.close();
        releaseDeadLetters.close();
        kafka.close();
    }

    private static List<LoggedRequest> awaitRequests(String path, int count) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Remote.find(postRequestedFor(urlEqualTo(path))).size() >= count);
        return Remote.find(postRequestedFor(urlEqualTo(path)));
    }

    @Test
    void eachEventIsPostedAsASignedStructuredCloudEvent() {
        String path = "/hooks/ok/" + Releases.unique("hook");
        CloudEvent<ReleaseRequested> requested = Releases.request(kafka, Releases.webhook(Remote.baseUrl() + path));
        CloudEvent<StepCompleted> step =
                EventFixtures.event("executor-service", EventFixtures.weightSet(requested.subject(), 0, 4, 10));
        kafka.send(step);

        List<LoggedRequest> requests = awaitRequests(path, 2);

        LoggedRequest first = requests.stream()
                .filter(r -> r.getBodyAsString().contains(requested.id().toString()))
                .findFirst()
                .orElseThrow();
        JsonNode event = Remote.json(first);
        assertThat(first.getHeader("Content-Type")).startsWith("application/cloudevents+json");
        assertThat(first.getHeader("ce-id")).isEqualTo(requested.id().toString());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("dev.rollwatch.release.requested.v1");
        assertThat(event.get("source").asText()).isEqualTo("release-service");
        assertThat(event.get("subject").asText()).isEqualTo(requested.subject());
        assertThat(event.at("/data/application").asText()).isEqualTo("checkout");
        assertThat(event.at("/data/image").asText()).isEqualTo("registry.example.com/shop/checkout:1.4.2");
        // Standard Webhooks: a receiver holding the installation's secret verifies it; the id is the event's.
        assertThat(first.getHeader("webhook-id")).isEqualTo(requested.id().toString());
        assertThat(StandardWebhooks.refusal(first, WireMockResource.SIGNING_SECRET, Instant.now()))
                .isNull();
        assertThat(first.getHeader("X-Rollwatch-Signature")).isNull();

        JsonNode second = Remote.json(requests.stream()
                .filter(r -> r.getBodyAsString().contains(step.id().toString()))
                .findFirst()
                .orElseThrow());
        assertThat(second.get("type").asText()).isEqualTo("dev.rollwatch.step.completed.v1");
        assertThat(second.at("/data/weights/canary").asInt()).isEqualTo(10);
    }

    @Test
    void aReplayedMessageIsRefusedByItsReceiverOnceItsTimestampIsOld() {
        String path = "/hooks/ok/" + Releases.unique("replay");
        Releases.request(kafka, Releases.webhook(Remote.baseUrl() + path));

        LoggedRequest sent = awaitRequests(path, 1).get(0);

        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(sent.getHeader("webhook-timestamp")));
        assertThat(signedAt)
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(StandardWebhooks.refusal(sent, WireMockResource.SIGNING_SECRET, signedAt.plusSeconds(60)))
                .isNull();
        // The same bytes sent again later: the signed timestamp gives the replay away.
        assertThat(StandardWebhooks.refusal(
                        sent,
                        WireMockResource.SIGNING_SECRET,
                        signedAt.plus(StandardWebhooks.TOLERANCE).plusSeconds(1)))
                .isEqualTo("timestamp outside the tolerance");
    }

    @Test
    void aReceiverWithItsOwnSecretGetsMessagesOnlyItsSecretVerifies() {
        String path = WireMockResource.OWN_SECRET_PATH + Releases.unique("own");
        Releases.request(kafka, Releases.webhook(Remote.baseUrl() + path));

        LoggedRequest sent = awaitRequests(path, 1).get(0);

        assertThat(StandardWebhooks.refusal(sent, WireMockResource.RECEIVER_SECRET, Instant.now()))
                .isNull();
        assertThat(StandardWebhooks.refusal(sent, WireMockResource.SIGNING_SECRET, Instant.now()))
                .isEqualTo("no valid signature");
    }

    @Test
    void aRedirectToAnotherOriginCarriesNoSignature() {
        String path = "/hooks/cross/" + Releases.unique("c");
        String landed = "/hooks/ok/landed/" + Releases.unique("l");
        // localhost and 127.0.0.1 are one server but two origins.
        String otherOrigin = "http://127.0.0.1:" + Integer.getInteger(WireMockResource.PORT_PROPERTY) + landed;
        Remote.wireMock()
                .register(post(urlPathEqualTo(path))
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(307).withHeader("Location", otherOrigin)));
        Releases.request(kafka, Releases.webhook(Remote.baseUrl() + path));

        LoggedRequest redirected = awaitRequests(path, 1).get(0);
        LoggedRequest followed = awaitRequests(landed, 1).get(0);

        assertThat(redirected.getHeader("webhook-signature")).isNotNull();
        assertThat(followed.getBodyAsString()).isEqualTo(redirected.getBodyAsString());
        assertThat(followed.getHeader("webhook-signature")).isNull();
        assertThat(followed.getHeader("webhook-timestamp")).isNull();
        assertThat(StandardWebhooks.refusal(followed, WireMockResource.SIGNING_SECRET, Instant.now()))
                .isEqualTo("unsigned");
    }

    @Test
    void aRevokedWebhookIsDeadLetteredWhileOtherReleasesAreStillNotified() {
        String revokedPath = "/hooks/revoked/" + Releases.unique("gone") + "/s3cret-token";
        String okPath = "/hooks/ok/" + Releases.unique("fine");
        String okChannel = "#" + Releases.unique("other");
        CloudEvent<ReleaseRequested> broken = Releases.request(kafka, Releases.webhook(Remote.baseUrl() + revokedPath));
        CloudEvent<ReleaseRequested> healthy =
                Releases.request(kafka, Releases.webhook(Remote.baseUrl() + okPath), Releases.slack(okChannel));
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(broken.subject(), 0, 4, 10)));
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(healthy.subject(), 0, 4, 10)));

        ConsumerRecord<String, String> dead = deadLetters.awaitRecord(DeadLetters.TOPIC, broken.subject());

        Map<String, String> headers = TopicRecorder.headers(dead);
        assertThat(headers.get(DeadLetters.REASON)).isEqualTo("Webhook refused the message (HTTP 404)");
        assertThat(headers.get(DeadLetters.CHANNEL)).isEqualTo("webhook");
        assertThat(headers.get(DeadLetters.TARGET)).isEqualTo("webhook:" + Remote.baseUrl() + "/…");
        assertThat(headers.get(DeadLetters.ATTEMPTS)).isEqualTo("1");
        assertThat(headers.get("ce_id")).isEqualTo(broken.id().toString());
        assertThat(dead.value()).contains("\"releaseId\":\"" + broken.subject() + "\"");
        // The broken release's next event is tried (and dead-lettered) too: nothing waits behind a dead delivery.
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        deadLetters.records(DeadLetters.TOPIC, broken.subject()).size() == 2);

        // Meanwhile the other release got all of its messages.
        awaitRequests(okPath, 2);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Remote.slack(okChannel).stream().anyMatch(Remote.SlackCall::isReply));
        assertThat(deadLetters.records(DeadLetters.TOPIC, healthy.subject())).isEmpty();

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("rollwatch_notifier_dead_letters_total\\{channel=\"webhook\"[^}]*} [1-9]");
        // Secrets (the webhook path, tokens) appear in no log line.
        assertThat(logs.lines())
                .isNotEmpty()
                .noneMatch(line -> line.contains("s3cret-token")
                        || line.contains(WireMockResource.BOT_TOKEN)
                        || line.contains(WireMockResource.STATUSPAGE_KEY));
    }

    @Test
    void aReleaseNamingAPrivateAddressAsItsWebhookIsRefusedAtTheDoorNamingTheField() {
        CloudEvent<ReleaseRequested> requested = Releases.request(kafka, Releases.webhook("https://012.0.0.1/hook"));

        ConsumerRecord<String, String> refused =
                releaseDeadLetters.awaitRecord(Topics.RELEASE_REQUESTED + ".dlq", requested.subject());

        assertThat(TopicRecorder.headers(refused).get("dead-letter-reason"))
                .contains("notifications[0].url must name a public host: "
                        + "host 012.0.0.1 is the private address 10.0.0.1 as curl and the C library read it");
        assertThat(deadLetters.records(DeadLetters.TOPIC, requested.subject())).isEmpty();
    }

    @Test
    void aConfiguredWebhookOnAnIpv4CompatibleAddressIsRefusedOnceWithoutAnyAttempt() {
        // Configured targets skip the release rules: the send-time policy alone stands between them and 10.0.0.1.
        CloudEvent<ReleaseRequested> requested = Releases.request(
                kafka, ReleaseRequestBuilder.canary().application(WireMockResource.IPV4_COMPATIBLE_APPLICATION));

        ConsumerRecord<String, String> dead = deadLetters.awaitRecord(DeadLetters.TOPIC, requested.subject());

        Map<String, String> headers = TopicRecorder.headers(dead);
        assertThat(headers.get(DeadLetters.REASON))
                .isEqualTo("URL refused: host [::a00:1] reaches the private address 10.0.0.1, which is not allowed");
        assertThat(headers.get(DeadLetters.TARGET)).isEqualTo("webhook:http://[::a00:1]/…");
        assertThat(headers.get(DeadLetters.ATTEMPTS)).isEqualTo("1");
    }

    @Test
    void aRedirectToAPrivateAddressIsRefused() {
        String path = "/hooks/moved/" + Releases.unique("r");
        Remote.wireMock()
                .register(post(urlPathEqualTo(path))
                        .atPriority(1)
                        .willReturn(
                                aResponse().withStatus(307).withHeader("Location", "http://192.168.10.20/internal")));
        CloudEvent<ReleaseRequested> requested = Releases.request(kafka, Releases.webhook(Remote.baseUrl() + path));

        ConsumerRecord<String, String> dead = deadLetters.awaitRecord(DeadLetters.TOPIC, requested.subject());

        assertThat(TopicRecorder.headers(dead).get(DeadLetters.REASON))
                .isEqualTo("URL refused: redirect refused: "
                        + "host 192.168.10.20 is a private address, which is not allowed");
        assertThat(Remote.find(postRequestedFor(urlEqualTo(path)))).hasSize(1);
    }
}
