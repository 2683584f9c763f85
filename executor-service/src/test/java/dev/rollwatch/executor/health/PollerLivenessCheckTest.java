package dev.rollwatch.executor.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class PollerLivenessCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-20T14:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration POLL = Duration.ofMillis(500);

    private static HealthCheckResponse check(Instant lastPass, boolean started) {
        return new PollerLivenessCheck(() -> lastPass, () -> started, POLL, CLOCK).call();
    }

    @Test
    void isAliveWhileThePollerCompletedAPassRecently() {
        HealthCheckResponse response = check(NOW.minusSeconds(1), true);

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("lastPass", "2026-11-20T13:59:59Z");
    }

    @Test
    void isDownWhenThePollerHasNotCompletedAPassForTwoMinutes() {
        HealthCheckResponse response = check(NOW.minus(Duration.ofMinutes(2)), true);

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("limit", "PT2M");
    }

    @Test
    void aSlowPollIntervalWidensTheLimitToTwentyPolls() {
        PollerLivenessCheck check = new PollerLivenessCheck(
                () -> NOW.minus(Duration.ofMinutes(3)), () -> true, Duration.ofSeconds(10), CLOCK);

        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void isDownWhenAStartedPollerNeverCompletedAPass() {
        assertThat(check(null, true).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void aPollerStoppedOnPurposeIsNotWedged() {
        assertThat(check(NOW.minus(Duration.ofHours(1)), false).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
