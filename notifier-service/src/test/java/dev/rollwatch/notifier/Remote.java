package dev.rollwatch.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/** What the service sent to the WireMock stand-ins, as the remote services would see it. */
public final class Remote {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Remote() {}

    public static WireMock wireMock() {
        return new WireMock("localhost", Integer.getInteger(WireMockResource.PORT_PROPERTY));
    }

    public static String baseUrl() {
        return "http://localhost:" + Integer.getInteger(WireMockResource.PORT_PROPERTY);
    }

    /** A Slack Web API call seen by "Slack": which method and what body. */
    public record SlackCall(String method, JsonNode body, long at, String authorization) {

        public boolean isParent() {
            return method.equals("chat.postMessage") && !body.has("thread_ts");
        }

        public boolean isReply() {
            return method.equals("chat.postMessage") && body.has("thread_ts");
        }

        public boolean isUpdate() {
            return method.equals("chat.update");
        }

        /** The first section's text: the message as people read it. */
        public String text() {
            return body.at("/attachments/0/blocks/0/text/text").asText();
        }

        public String color() {
            return body.at("/attachments/0/color").asText();
        }
    }

    /** Every Slack call for one channel, in the order received. */
    public static List<SlackCall> slack(String channel) {
        List<SlackCall> calls = new java.util.ArrayList<>();
        for (String method : List.of("chat.postMessage", "chat.update")) {
            for (LoggedRequest request : find(postRequestedFor(urlPathEqualTo("/slack/api/" + method))
                    .withRequestBody(matchingJsonPath("$.channel", equalTo(channel))))) {
                calls.add(new SlackCall(
                        method, json(request), request.getLoggedDate().getTime(), request.getHeader("Authorization")));
            }
        }
        calls.sort(Comparator.comparingLong(SlackCall::at));
        return calls;
    }

    /** A Statuspage call: POST (open) or PATCH (update, resolve) with its path and body. */
    public record StatuspageCall(String method, String path, JsonNode body, long at, String authorization) {}

    public static List<StatuspageCall> statuspage(String component) {
        List<StatuspageCall> calls = new java.util.ArrayList<>();
        RequestPatternBuilder opens = postRequestedFor(urlMatching("/statuspage/v1/pages/.*"))
                .withRequestBody(matchingJsonPath("$.incident.component_ids[0]", equalTo(component)));
        RequestPatternBuilder patches = patchRequestedFor(urlMatching("/statuspage/v1/pages/.*"))
                .withRequestBody(matchingJsonPath("$.incident.component_ids[0]", equalTo(component)));
        for (LoggedRequest request : find(opens)) {
            calls.add(new StatuspageCall(
                    "POST",
                    request.getUrl(),
                    json(request),
                    request.getLoggedDate().getTime(),
                    request.getHeader("Authorization")));
        }
        for (LoggedRequest request : find(patches)) {
            calls.add(new StatuspageCall(
                    "PATCH",
                    request.getUrl(),
                    json(request),
                    request.getLoggedDate().getTime(),
                    request.getHeader("Authorization")));
        }
        calls.sort(Comparator.comparingLong(StatuspageCall::at));
        return calls;
    }

    public static List<LoggedRequest> find(RequestPatternBuilder pattern) {
        return wireMock().find(pattern);
    }

    public static JsonNode json(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
