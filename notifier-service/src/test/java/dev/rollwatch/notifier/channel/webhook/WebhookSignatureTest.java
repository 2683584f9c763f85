package dev.rollwatch.notifier.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsTheStandardWebhooksTestVectorAsTheSchemesLibrariesDo() {
        // The example of the Standard Webhooks test suite: a receiver using any of its libraries verifies us.
        WebhookSignature signature = WebhookSignature.withSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(signature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theTimestampAndIdAreSignedSoAReplayCannotBeFreshened() {
        WebhookSignature signature = WebhookSignature.withSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String original = signature.sign("evt-1", 1614265330, "{}");

        assertThat(signature.sign("evt-1", 1614265331, "{}")).isNotEqualTo(original);
        assertThat(signature.sign("evt-2", 1614265330, "{}")).isNotEqualTo(original);
    }

    @Test
    void aSecretWithoutTheWhsecPrefixIsItsOwnBytesAndABadOneIsNeverQuoted() {
        assertThat(WebhookSignature.withSecret("plain-secret").sign("a", 1, "b"))
                .isNotEqualTo(WebhookSignature.withSecret("other-secret").sign("a", 1, "b"))
                .startsWith("v1,");
        assertThatThrownBy(() -> WebhookSignature.withSecret("whsec_not base64!"))
                .hasMessageNotContaining("not base64!");
        assertThat(WebhookSignature.withSecret("whsec_c2VjcmV0")).hasToString("WebhookSignature[key redacted]");
    }
}
