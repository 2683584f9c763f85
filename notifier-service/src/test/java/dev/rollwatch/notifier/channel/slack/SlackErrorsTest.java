package dev.rollwatch.notifier.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.notifier.channel.DeliveryResult;
import dev.rollwatch.notifier.domain.DeliveryKind;
import dev.rollwatch.notifier.outbound.HttpReply;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackErrorsTest {

    private final Clock clock = Clock.systemUTC();
    private final HttpReply ok = new HttpReply(200, Map.of(), "");

    @Test
    void aRevokedOrInvalidTokenIsPermanent() {
        assertThat(SlackErrors.judge("invalid_auth", DeliveryKind.REPLY, ok, clock))
                .isEqualTo(new DeliveryResult.Rejected("Slack refused the message: invalid_auth"));
        assertThat(SlackErrors.judge("token_revoked", DeliveryKind.PARENT_POST, ok, clock))
                .isInstanceOf(DeliveryResult.Rejected.class);
        assertThat(SlackErrors.judge("channel_not_found", DeliveryKind.PARENT_POST, ok, clock))
                .isInstanceOf(DeliveryResult.Rejected.class);
    }

    @Test
    void aSlackSideProblemIsRetried() {
        assertThat(SlackErrors.judge("internal_error", DeliveryKind.REPLY, ok, clock))
                .isEqualTo(new DeliveryResult.Retry("Slack answered internal_error"));
    }

    @Test
    void aRateLimitErrorWaitsAsAsked() {
        HttpReply limited = new HttpReply(200, Map.of("retry-after", "7"), "");
        assertThat(SlackErrors.judge("ratelimited", DeliveryKind.REPLY, limited, clock))
                .isEqualTo(new DeliveryResult.RateLimited(Duration.ofSeconds(7), "Slack rate limit (HTTP 200)"));
    }

    @Test
    void aParentThatWasDeletedIsNotUpdatedAndNotDeadLettered() {
        assertThat(SlackErrors.judge("message_not_found", DeliveryKind.PARENT_UPDATE, ok, clock))
                .isInstanceOf(DeliveryResult.Skipped.class);
    }

    @Test
    void anErrorSlackDoesNotDocumentIsRetriedWithoutBeingQuoted() {
        assertThat(SlackErrors.judge(
                        "see https://hooks.slack.com/services/T0/B0/s3cret", DeliveryKind.REPLY, ok, clock))
                .isEqualTo(new DeliveryResult.Retry("Slack answered an error it does not document"));
    }

    @Test
    void readsOnlyDocumentedCodesFromARefusal() {
        assertThat(SlackErrors.documentedCode("channel_is_archived\n")).isEqualTo("channel_is_archived");
        assertThat(SlackErrors.documentedCode("{\"ok\":false,\"error\":\"invalid_auth\"}"))
                .isEqualTo("invalid_auth");
        assertThat(SlackErrors.documentedCode("{\"ok\":false,\"error\":\"you sent xoxb-s3cret\"}"))
                .isNull();
        assertThat(SlackErrors.documentedCode("POST /services/T0/B0/s3cret was refused"))
                .isNull();
        assertThat(SlackErrors.documentedCode("")).isNull();
    }
}
