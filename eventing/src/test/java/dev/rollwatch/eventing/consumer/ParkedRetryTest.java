package dev.rollwatch.eventing.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParkedRetryTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
    private static final Duration FIRST = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofMinutes(10);

    @Test
    void replaysANewlyParkedEventAfterTheFirstWait() {
        assertThat(ParkedRetry.next(NOW, 0, FIRST, MAX)).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void doublesTheWaitAfterEachFailedReplay() {
        assertThat(ParkedRetry.next(NOW, 1, FIRST, MAX)).isEqualTo(NOW.plusSeconds(60));
        assertThat(ParkedRetry.next(NOW, 3, FIRST, MAX)).isEqualTo(NOW.plusSeconds(240));
    }

    @Test
    void neverWaitsLongerThanTheCapHoweverOftenItFailed() {
        assertThat(ParkedRetry.next(NOW, 5, FIRST, MAX)).isEqualTo(NOW.plus(MAX));
        assertThat(ParkedRetry.next(NOW, Integer.MAX_VALUE, FIRST, MAX)).isEqualTo(NOW.plus(MAX));
    }

    @Test
    void aFirstWaitAboveTheCapIsCapped() {
        assertThat(ParkedRetry.next(NOW, 0, Duration.ofHours(1), MAX)).isEqualTo(NOW.plus(MAX));
    }
}
