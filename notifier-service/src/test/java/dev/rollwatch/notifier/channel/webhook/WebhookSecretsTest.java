package dev.rollwatch.notifier.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

    private static final String TEAM_A = "whsec_dGVhbS1h";
    private static final String HOST = "whsec_aG9zdA==";
    private static final String INSTALLATION = "installation-secret";

    private final WebhookSecrets secrets = new WebhookSecrets(
            Map.of(
                    "team-a", new WebhookSecrets.Configured("https://hooks.example.com/team-a", TEAM_A),
                    "host", new WebhookSecrets.Configured("https://Hooks.Example.com/", HOST)),
            Optional.of(INSTALLATION));

    private String signedWith(String url) {
        return secrets.forTarget(url).orElseThrow().sign("id", 1, "body");
    }

    private static String expected(String secret) {
        return WebhookSignature.withSecret(secret).sign("id", 1, "body");
    }

    @Test
    void aTargetIsSignedWithItsMostSpecificReceiversSecret() {
        assertThat(signedWith("https://hooks.example.com/team-a")).isEqualTo(expected(TEAM_A));
        assertThat(signedWith("https://hooks.example.com/team-a/deploys")).isEqualTo(expected(TEAM_A));
        assertThat(signedWith("https://HOOKS.example.com:443/team-b")).isEqualTo(expected(HOST));
    }

    @Test
    void aPrefixMatchesWholeHostsPortsAndPathSegmentsOnly() {
        assertThat(signedWith("https://hooks.example.com/team-ab")).isEqualTo(expected(HOST));
        assertThat(signedWith("https://hooks.example.com.evil.test/team-a")).isEqualTo(expected(INSTALLATION));
        assertThat(signedWith("https://hooks.example.com:8443/team-a")).isEqualTo(expected(INSTALLATION));
        assertThat(signedWith("http://hooks.example.com/team-a")).isEqualTo(expected(INSTALLATION));
    }

    @Test
    void withoutAnInstallationSecretOtherTargetsGoUnsigned() {
        WebhookSecrets onlyTeamA = new WebhookSecrets(
                Map.of("team-a", new WebhookSecrets.Configured("https://hooks.example.com/team-a/", TEAM_A)),
                Optional.of(" "));

        assertThat(onlyTeamA.forTarget("https://hooks.example.com/team-a/x")).isPresent();
        assertThat(onlyTeamA.forTarget("https://elsewhere.example.com/x")).isEmpty();
    }

    @Test
    void aReceiverWhosePrefixIsNoUrlFailsTheStartNamingItButNotItsSecret() {
        assertThatThrownBy(() -> new WebhookSecrets(
                        Map.of("broken", new WebhookSecrets.Configured("hooks.example.com", "whsec_c2VjcmV0")),
                        Optional.empty()))
                .hasMessageContaining("rollwatch.notifier.webhook.receivers.broken.url-prefix")
                .hasMessageNotContaining("c2VjcmV0");
    }
}
