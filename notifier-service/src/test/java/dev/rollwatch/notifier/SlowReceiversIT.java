package dev.rollwatch.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.notifier.messaging.DeadLetters;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * R15: a webhook receiver that answers slowly, or with 429 and a long Retry-After, must not hold the
 * dispatch slots. Four slots here, three for webhooks, one attempt at once per receiver; a receiver is
 * a scheme, host and port, so each stand-in below is a WireMock of its own. The slow one holds every
 * request until the test opens its gate (the client would wait ten minutes), so nothing here depends on
 * how fast the machine is: without the limits its requests would hold every slot until the end.
 */
@QuarkusTest
@ExtendWith(SentRequestsFollowTheApis.class)
@TestProfile(SlowReceiversIT.FewSlots.class)
class SlowReceiversIT {

    public static class FewSlots implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("rollwatch.notifier.dispatch.max-in-flight", "4"),
                    Map.entry("rollwatch.notifier.dispatch.max-webhooks-in-flight", "3"),
                    Map.entry("rollwatch.notifier.dispatch.max-in-flight-per-receiver", "1"),
                    // A held request is never cut off while the test runs.
                    Map.entry("rollwatch.notifier.outbound.timeout", "10m"),
                    Map.entry("rollwatch.notifier.dispatch.lease", "30m"),
                    Map.entry(
                            "quarkus.fault-tolerance.\"dev.rollwatch.notifier.outbound.HttpExchange/exchange\".timeout.value",
                            "900000"),
                    Map.entry("rollwatch.notifier.dispatch.max-retry-after", "2s"),
                    Map.entry("rollwatch.notifier.dispatch.max-rate-limited", "3s"));
        }
    }

    /** Holds every request until opened, counting arrivals as they come in (before any answer). */
    static final class Gate implements ResponseTransformerV2 {
        private final CountDownLatch open = new CountDownLatch(1);
        private final AtomicInteger arrived = new AtomicInteger();

        @Override
        public Response transform(Response response, ServeEvent serveEvent) {
            arrived.incrementAndGet();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return response;
        }

        @Override
        public String getName() {
            return "gate";
        }

        int arrived() {
            return arrived.get();
        }

        void open() {
            open.countDown();
        }
    }

    private KafkaTestClient kafka;
    private TopicRecorder deadLetters;
    private final List<WireMockServer> receivers = new ArrayList<>();
    private final List<Gate> gates = new ArrayList<>();

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        kafka.createTopics(Releases.CONSUMED.toArray(String[]::new));
        deadLetters = kafka.record(DeadLetters.TOPIC);
    }

    @AfterEach
    void tearDown() {
        // Held requests are let go first, so that a failed test stops its receivers and the next one runs.
        gates.forEach(Gate::open);
        receivers.forEach(WireMockServer::stop);
        deadLetters.close();
        kafka.close();
    }

    private WireMockServer receiver(Gate gate) {
        WireMockServer server = gate == null
                ? new WireMockServer(options().dynamicPort())
                : new WireMockServer(options().dynamicPort().extensions(gate));
        server.start();
        receivers.add(server);
        if (gate != null) {
            gates.add(gate);
        }
        return server;
    }

    private static String url(WireMockServer server, String path) {
        return "http://localhost:" + server.port() + path;
    }

    @Test
    void aSlowReceiverAndARateLimitedOneHoldNoSlotWhileOtherReceiversAreToldAndNothingIsLost() {
        Gate gate = new Gate();
        WireMockServer slow = receiver(gate);
        slow.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(202)));
        WireMockServer limited = receiver(null);
        // A receiver over its limit: the first message gets 429 and "come back tomorrow", then it takes them.
        limited.stubFor(post(anyUrl())
                .inScenario("limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("open")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "86400")));
        limited.stubFor(post(anyUrl())
                .inScenario("limit")
                .whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(202)));

        // Six releases for the slow receiver first: their messages are due before anyone else's.
        List<String> slowPaths = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String path = "/slow/" + Releases.unique("hook");
            slowPaths.add(path);
            Releases.request(kafka, Releases.webhook(url(slow, path)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> gate.arrived() >= 1);

        CloudEvent<ReleaseRequested> first = Releases.request(kafka, Releases.webhook(url(limited, "/limited/first")));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> limited.findAll(anyRequestedFor(anyUrl())).size() >= 1);
        Releases.request(kafka, Releases.webhook(url(limited, "/limited/second")));
        String promptPath = "/hooks/ok/" + Releases.unique("prompt");
        String channel = "#" + Releases.unique("prompt");
        Releases.request(kafka, Releases.webhook(Remote.baseUrl() + promptPath), Releases.slack(channel));

        // Other receivers are told while the slow one still holds its first request.
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        !Remote.find(postRequestedFor(urlEqualTo(promptPath))).isEmpty());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Remote.slack(channel).stream().anyMatch(Remote.SlackCall::isParent));
        // The rate-limited receiver's wait is cut to max-retry-after, and it holds back the whole receiver:
        // its second message waits behind the first one's retry instead of going out in between.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> limited.findAll(anyRequestedFor(anyUrl())).size() >= 3);
        List<String> limitedOrder = limited.findAll(anyRequestedFor(anyUrl())).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(LoggedRequest::getUrl)
                .toList();
        assertThat(limitedOrder).containsExactly("/limited/first", "/limited/first", "/limited/second");
        assertThat(deadLetters.records(DeadLetters.TOPIC, first.subject())).isEmpty();
        // The slow receiver's other five messages waited in the database, not in dispatch slots.
        assertThat(gate.arrived()).isEqualTo(1);

        gate.open();
        await().atMost(Duration.ofSeconds(60)).until(() -> gate.arrived() >= 6);
        assertThat(slow.findAll(anyRequestedFor(anyUrl())))
                .extracting(LoggedRequest::getUrl)
                .containsExactlyInAnyOrderElementsOf(slowPaths);
    }

    @Test
    void aReceiverAnswering429ForeverGetsTheMessageDeadLetteredAfterMaxRateLimited() {
        WireMockServer forever = receiver(null);
        forever.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "86400")));

        CloudEvent<ReleaseRequested> requested =
                Releases.request(kafka, Releases.webhook(url(forever, "/parked/" + Releases.unique("hook"))));

        Map<String, String> headers =
                TopicRecorder.headers(deadLetters.awaitRecord(DeadLetters.TOPIC, requested.subject()));
        assertThat(headers.get(DeadLetters.REASON))
                .isEqualTo("rate limited for more than 3s: Webhook rate limit (HTTP 429)");
        assertThat(headers.get(DeadLetters.CHANNEL)).isEqualTo("webhook");
        // It was asked more than once (each wait cut to 2s), and rate limits never used up its attempts.
        assertThat(forever.findAll(anyRequestedFor(anyUrl())).size()).isGreaterThanOrEqualTo(2);
        assertThat(headers.get(DeadLetters.ATTEMPTS)).isEqualTo("1");
    }
}
