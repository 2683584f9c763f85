package dev.rollwatch.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void parsesEachKindOfConfiguredTarget() {
        assertThat(Target.parse("slack:#releases")).isEqualTo(Target.slack("#releases"));
        assertThat(Target.parse("statuspage:pg1/cmp2")).isEqualTo(Target.statuspage("pg1", "cmp2"));
        assertThat(Target.parse("webhook:https://hooks.example.com/x?token=s3cret"))
                .isEqualTo(Target.webhook("https://hooks.example.com/x?token=s3cret"));
        assertThat(Target.parse("pagerduty:service").type()).isEqualTo("pagerduty");
    }

    @Test
    void refusesATargetWithoutAType() {
        assertThatThrownBy(() -> Target.parse("#releases")).hasMessageContaining("must look like slack:#channel");
        assertThatThrownBy(() -> Target.parse("statuspage:only-page"))
                .hasMessageContaining("statuspage:<page>/<component>");
    }

    @Test
    void aSlackChannelWithAndWithoutHashIsOneTarget() {
        assertThat(Target.slack("#releases").key())
                .isEqualTo(Target.slack("releases").key())
                .isEqualTo("slack:releases");
    }

    @Test
    void webhookKeysAndDescriptionsNeverShowThePathOrQuery() {
        Target webhook = Target.webhook("https://hooks.example.com/services/T0/B0/s3cret?token=also-secret");

        assertThat(webhook.key()).startsWith("webhook:hooks.example.com:").doesNotContain("s3cret", "also-secret");
        assertThat(webhook.describe()).isEqualTo("webhook:https://hooks.example.com/…");
        assertThat(Target.webhook("https://hooks.example.com/other").key()).isNotEqualTo(webhook.key());
    }

    @Test
    void aMalformedWebhookIsDescribedWithoutEchoingIt() {
        assertThat(Target.redactUrl("not a url with s3cret")).isEqualTo("(invalid URL)");
    }
}
