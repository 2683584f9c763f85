package dev.rollwatch.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.notifier.outbound.ConnectFailedException;
import dev.rollwatch.notifier.outbound.ExchangeFailedException;
import dev.rollwatch.notifier.outbound.HttpReply;
import java.time.Clock;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    private final Clock clock = Clock.systemUTC();

    @Test
    void aRefusalKeepsTheStatusButNeverWhatTheReceiverAnswered() {
        HttpReply echo = new HttpReply(400, Map.of(), "{\"you_sent\":\"https://hooks.example.com/T0/s3cret\"}");

        assertThat(Failures.ofStatus(echo, clock, "Webhook"))
                .isEqualTo(new DeliveryResult.Rejected("Webhook refused the message (HTTP 400)"));
        assertThat(Failures.ofStatus(new HttpReply(503, Map.of(), "s3cret"), clock, "Webhook"))
                .isEqualTo(new DeliveryResult.Retry("Webhook answered HTTP 503"));
    }

    @Test
    void aDocumentedErrorCodeTheCallerReadIsKept() {
        assertThat(Failures.ofStatus(
                        new HttpReply(404, Map.of(), "channel_not_found"),
                        clock,
                        "Slack incoming webhook",
                        "channel_not_found"))
                .isEqualTo(new DeliveryResult.Rejected(
                        "Slack incoming webhook refused the message (HTTP 404): " + "channel_not_found"));
    }

    @Test
    void aCreatingRequestThatGotNoAnswerIsUncertainInsteadOfRepeated() {
        DeliveryResult result = Failures.ofUnrepeatable(
                new ExchangeFailedException("timed out waiting for the answer"), "the release's parent message");

        assertThat(result).isInstanceOf(DeliveryResult.Uncertain.class);
        assertThat(((DeliveryResult.Uncertain) result).reason())
                .isEqualTo("outcome unknown (timed out waiting for "
                        + "the answer): the release's parent message may have been created, and is not sent again so that "
                        + "it cannot exist twice");
        assertThat(Failures.ofUnrepeatable(new TimeoutException(), "an incident"))
                .isInstanceOf(DeliveryResult.Uncertain.class);
    }

    @Test
    void aCreatingRequestThatNeverLeftIsRetriedAsUsual() {
        assertThat(Failures.ofUnrepeatable(new ConnectFailedException("could not connect (ConnectException)"), "x"))
                .isEqualTo(new DeliveryResult.Retry("could not connect (ConnectException)"));
    }
}
