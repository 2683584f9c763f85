package dev.rollwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.notifier.channel.DeliveryAttempt;
import dev.rollwatch.notifier.channel.ThreadRef;
import dev.rollwatch.notifier.domain.DeliveryKind;
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.notifier.outbound.HttpReply;
import dev.rollwatch.notifier.persistence.ClaimedDelivery;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Whatever ends up in a log line through string concatenation or a debugger never shows a secret. */
class ToStringRedactionTest {

    private static final String SECRET_PATH = "/services/T0/B0/s3cret-path";
    private static final String URL = "https://hooks.example.com" + SECRET_PATH;
    private final Target webhook = Target.webhook(URL);

    @Test
    void aWebhookTargetPrintsOnlyItsSchemeAndHost() {
        assertThat(webhook.toString())
                .isEqualTo("webhook:https://hooks.example.com/…")
                .doesNotContain(SECRET_PATH);
        assertThat(String.valueOf(java.util.List.of(webhook))).doesNotContain("s3cret");
    }

    @Test
    void anAttemptPrintsNeitherTheTargetUrlNorThePayload() {
        DeliveryAttempt attempt = new DeliveryAttempt(
                7,
                2,
                webhook,
                DeliveryKind.EVENT,
                "{\"data\":{\"url\":\"" + URL + "\"}}",
                new ThreadRef("C1", "1.2"),
                UUID.randomUUID().toString(),
                "dev.rollwatch.step.completed.v1");

        assertThat(attempt.toString())
                .doesNotContain("s3cret")
                .contains("delivery 7", "attempt 2", "EVENT", "https://hooks.example.com/…");
    }

    @Test
    void aClaimedDeliveryPrintsItsTargetKeyNotTheStoredTarget() {
        ClaimedDelivery claimed = new ClaimedDelivery(
                9,
                UUID.randomUUID(),
                "rel-1",
                "webhook",
                webhook.key(),
                "{\"type\":\"webhook\",\"url\":\"" + URL + "\"}",
                DeliveryKind.EVENT,
                null,
                "{\"secret\":\"" + URL + "\"}",
                1,
                false,
                null);

        assertThat(claimed.toString()).doesNotContain("s3cret").contains("rel-1", webhook.key());
    }

    @Test
    void aReplyPrintsOnlyItsStatusNotWhatTheReceiverEchoed() {
        HttpReply echo = new HttpReply(400, Map.of("x-echo", URL), "you sent " + URL);

        assertThat(echo.toString()).isEqualTo("HttpReply[400]");
    }
}
