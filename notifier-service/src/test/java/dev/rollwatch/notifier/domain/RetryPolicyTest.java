package dev.rollwatch.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(1), 5);

    @Test
    void backsOffExponentiallyUpToTheCap() {
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(policy.delayAfter(6)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.delayAfter(200)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void isExhaustedAfterTheLastAttempt() {
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
    }

    @Test
    void aRateLimitWaitsAtLeastTheFloorAndAtMostTheCeiling() {
        Duration floor = Duration.ofSeconds(1);
        Duration ceiling = Duration.ofMinutes(10);
        assertThat(RetryPolicy.rateLimitWait(null, floor, ceiling)).isEqualTo(floor);
        assertThat(RetryPolicy.rateLimitWait(Duration.ZERO, floor, ceiling)).isEqualTo(floor);
        assertThat(RetryPolicy.rateLimitWait(Duration.ofSeconds(30), floor, ceiling))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryPolicy.rateLimitWait(Duration.ofHours(2), floor, ceiling))
                .isEqualTo(ceiling);
    }

    @Test
    void refusesANonsensePolicy() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
