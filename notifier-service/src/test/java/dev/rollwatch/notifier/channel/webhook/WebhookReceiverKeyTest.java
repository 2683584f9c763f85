package dev.rollwatch.notifier.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookReceiverKeyTest {

    @Test
    void aReceiverIsItsSchemeHostAndPortWithoutThePathOrQueryWhichMayHoldASecret() {
        assertThat(WebhookChannel.receiverKey("https://Hooks.Example.com/T000/s3cret?token=s3cret"))
                .isEqualTo("webhook:https://hooks.example.com:443");
    }

    @Test
    void twoPathsOnOneOriginAreOneReceiverAndAnotherPortIsAnother() {
        assertThat(WebhookChannel.receiverKey("https://hooks.example.com:443/a"))
                .isEqualTo(WebhookChannel.receiverKey("https://hooks.example.com/b"));
        assertThat(WebhookChannel.receiverKey("http://localhost:8081/a"))
                .isNotEqualTo(WebhookChannel.receiverKey("http://localhost:8082/a"));
    }

    @Test
    void anUnreadableUrlIsOneReceiverOfItsOwnKind() {
        assertThat(WebhookChannel.receiverKey("not a url")).isEqualTo("webhook:invalid");
    }
}
