package dev.rollwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rollwatch.notifier.channel.slack.SlackPayloadRules;
import dev.rollwatch.notifier.channel.slack.SlackPayloadRules.Call;
import dev.rollwatch.notifier.channel.statuspage.StatuspageRequestRules;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each test, every request "Slack" and "Statuspage" received so far (WireMock's journal) is
 * checked against their documented limits and fields: what the service really sent, not what a unit
 * test thought it would. Each request is checked once, by the test during which it arrived or the
 * first one after it (deliveries may still be going out when a test ends).
 */
public class SentRequestsFollowTheApis implements AfterEachCallback, AfterAllCallback {

    /** The test configuration sets no urgent mention, so no message may carry one. */
    private static final Set<String> MENTIONS = Set.of();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();

    @Override
    public void afterEach(ExtensionContext context) {
        checkNewRequests();
    }

    /** Once more when the class is done, for what its last test's deliveries sent after it ended. */
    @Override
    public void afterAll(ExtensionContext context) {
        checkNewRequests();
    }

    private static void checkNewRequests() {
        if (Integer.getInteger(WireMockResource.PORT_PROPERTY) == null) {
            return;
        }
        List<String> violations = new ArrayList<>();
        // Serve events carry an id through WireMock's admin API; a found LoggedRequest does not.
        for (ServeEvent event : Remote.wireMock().getServeEvents()) {
            LoggedRequest request = event.getRequest();
            if (CHECKED.add(event.getId().toString())) {
                violations.addAll(check(request.getMethod().getName(), request.getUrl(), request.getBodyAsString()));
            }
        }
        assertThat(violations).as("requests sent to Slack and Statuspage").isEmpty();
    }

    /** What is wrong with one request, each problem prefixed with the call. */
    static List<String> check(String method, String url, String body) {
        String path = URI.create(url).getPath();
        String prefix = method + " " + path + ": ";
        if (path.startsWith("/slack/api/") || path.startsWith("/slack/relay/")) {
            // A relay hop is a chat.postMessage that was redirected on its way.
            Call call = path.endsWith("/chat.update")
                    ? Call.UPDATE
                    : path.endsWith("/chat.postMessage") || path.startsWith("/slack/relay/") ? Call.POST_MESSAGE : null;
            if (call == null) {
                return List.of(prefix + "is no Slack method Rollwatch calls");
            }
            return prefixed(prefix, SlackPayloadRules.violations(call, json(body), MENTIONS));
        }
        if (path.startsWith("/slack-hooks/")) {
            return prefixed(prefix, SlackPayloadRules.violations(Call.INCOMING_WEBHOOK, json(body), MENTIONS));
        }
        if (path.startsWith("/statuspage/v1/")) {
            return prefixed(
                    prefix,
                    StatuspageRequestRules.violations(
                            method, path.substring("/statuspage/v1".length()), body.isEmpty() ? null : json(body)));
        }
        return List.of();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            // Reported as a body that is no JSON object.
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static List<String> prefixed(String prefix, List<String> violations) {
        return violations.stream().map(violation -> prefix + violation).toList();
    }
}
