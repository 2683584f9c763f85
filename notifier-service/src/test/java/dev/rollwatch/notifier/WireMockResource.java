package dev.rollwatch.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * WireMock standing in for Slack, Statuspage and webhook receivers, on localhost over plain http.
 * The service reaches it only because the test profile switches on local use
 * ({@code allow-http}, {@code allow-loopback}); private networks stay refused.
 */
public class WireMockResource implements QuarkusTestResourceLifecycleManager {

    public static final String PORT_PROPERTY = "rollwatch.test.wiremock.port";
    public static final String BOT_TOKEN = "xoxb-test-token-never-logged";
    public static final String STATUSPAGE_KEY = "sp-test-key-never-logged";
    public static final String SIGNING_SECRET = "whsec-test-never-logged";
    /** The secret of the one receiver with its own: targets under {@link #OWN_SECRET_PATH}. */
    public static final String RECEIVER_SECRET = "whsec_cmVjZWl2ZXItb3duLXNlY3JldA==";

    public static final String OWN_SECRET_PATH = "/hooks/ok/own-secret/";
    /** An application whose configured target is an IPv4-compatible IPv6 address of a private host. */
    public static final String IPV4_COMPATIBLE_APPLICATION = "compat-target";
    /** Default priority of the stubs below; tests add more specific stubs with a higher priority (lower number). */
    public static final int DEFAULT_PRIORITY = 10;

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().globalTemplating(true));
        server.start();
        stubDefaults();
        System.setProperty(PORT_PROPERTY, Integer.toString(server.port()));
        String base = "http://localhost:" + server.port();
        return Map.ofEntries(
                Map.entry("rollwatch.notifier.webhook.receivers.own.url-prefix", base + OWN_SECRET_PATH),
                Map.entry("rollwatch.notifier.webhook.receivers.own.signing-secret", RECEIVER_SECRET),
                Map.entry(
                        "rollwatch.notifier.applications." + IPV4_COMPATIBLE_APPLICATION + ".targets",
                        "webhook:http://[::a00:1]/"),
                Map.entry("rollwatch.notifier.slack.api-url", base + "/slack/api"),
                Map.entry("rollwatch.notifier.slack.bot-token", BOT_TOKEN),
                Map.entry(
                        "rollwatch.notifier.slack.incoming-webhooks.hooks-only",
                        base + "/slack-hooks/T000/B000/secret-path"),
                Map.entry("rollwatch.notifier.statuspage.api-url", base + "/statuspage/v1"),
                Map.entry("rollwatch.notifier.statuspage.api-key", STATUSPAGE_KEY),
                Map.entry("rollwatch.notifier.webhook.signing-secret", SIGNING_SECRET));
    }

    private void stubDefaults() {
        server.stubFor(post(urlPathEqualTo("/slack/api/chat.postMessage"))
                .atPriority(DEFAULT_PRIORITY)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        // Slack's ts: seconds since the epoch, a dot, a sequence (e.g. 1700000000.000100).
                        .withBody("{\"ok\":true,\"channel\":\"{{jsonPath request.body '$.channel'}}\","
                                + "\"ts\":\"{{now format='unix'}}.{{randomValue length=6 type='NUMERIC'}}\"}")));
        server.stubFor(post(urlPathEqualTo("/slack/api/chat.update"))
                .atPriority(DEFAULT_PRIORITY)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true,\"channel\":\"{{jsonPath request.body '$.channel'}}\","
                                + "\"ts\":\"{{jsonPath request.body '$.ts'}}\"}")));
        server.stubFor(post(urlMatching("/statuspage/v1/pages/[^/]+/incidents"))
                .atPriority(DEFAULT_PRIORITY)
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"inc{{randomValue length=10 type='ALPHANUMERIC'}}\"}")));
        server.stubFor(patch(urlMatching("/statuspage/v1/pages/[^/]+/incidents/[^/]+"))
                .atPriority(DEFAULT_PRIORITY)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"{{request.pathSegments.[5]}}\"}")));
        server.stubFor(get(urlMatching("/statuspage/v1/pages/[^/]+/incidents/unresolved"))
                .atPriority(DEFAULT_PRIORITY)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("[]")));
        server.stubFor(post(urlMatching("/hooks/ok/.*"))
                .atPriority(DEFAULT_PRIORITY)
                .willReturn(aResponse().withStatus(202)));
        server.stubFor(post(urlMatching("/hooks/revoked/.*"))
                .atPriority(DEFAULT_PRIORITY)
                .willReturn(aResponse().withStatus(404).withBody("no_service")));
        server.stubFor(post(urlMatching("/slack-hooks/.*"))
                .atPriority(DEFAULT_PRIORITY)
                .willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
