package dev.rollwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The after-test check sends each recorded request to the rules of the API it went to. */
class SentRequestsFollowTheApisTest {

    private static final String MESSAGE =
            "{\"text\":\"hi\",\"attachments\":[{\"color\":\"#2EB67D\",\"blocks\":[{\"type\":\"divider\"}]}]";

    @Test
    void aSlackReplyIsCheckedAsChatPostMessage() {
        assertThat(SentRequestsFollowTheApis.check(
                        "POST", "/slack/api/chat.postMessage", MESSAGE + ",\"channel\":\"C1\"}"))
                .isEmpty();
        assertThat(SentRequestsFollowTheApis.check("POST", "/slack/relay/2", MESSAGE + "}"))
                .containsExactly("POST /slack/relay/2: channel is missing");
    }

    @Test
    void aSlackUpdateIsCheckedAsChatUpdate() {
        assertThat(SentRequestsFollowTheApis.check("POST", "/slack/api/chat.update", MESSAGE + ",\"channel\":\"C1\"}"))
                .containsExactly("POST /slack/api/chat.update: ts '' is not a message timestamp");
    }

    @Test
    void anIncomingWebhookMessageIsCheckedAsOne() {
        assertThat(SentRequestsFollowTheApis.check("POST", "/slack-hooks/T/B/x", MESSAGE + ",\"channel\":\"C1\"}"))
                .containsExactly("POST /slack-hooks/T/B/x: channel is set, but an incoming webhook has its channel "
                        + "and cannot thread or edit");
    }

    @Test
    void aSlackMethodRollwatchDoesNotCallIsReported() {
        assertThat(SentRequestsFollowTheApis.check("POST", "/slack/api/chat.delete", MESSAGE + "}"))
                .containsExactly("POST /slack/api/chat.delete: is no Slack method Rollwatch calls");
    }

    @Test
    void aStatuspageRequestIsCheckedBelowTheApiBase() {
        assertThat(SentRequestsFollowTheApis.check(
                        "PATCH", "/statuspage/v1/pages/p/incidents/i", "{\"incident\":{\"status\":\"fixed\"}}"))
                .containsExactly("PATCH /statuspage/v1/pages/p/incidents/i: incident.status is \"fixed\", "
                        + "not one of [identified, investigating, monitoring, resolved]");
        assertThat(SentRequestsFollowTheApis.check("GET", "/statuspage/v1/pages/p/incidents/unresolved", ""))
                .isEmpty();
    }

    @Test
    void requestsToWebhookReceiversAreNotTheirs() {
        assertThat(SentRequestsFollowTheApis.check("POST", "/hooks/ok/a", "not json"))
                .isEmpty();
    }
}
