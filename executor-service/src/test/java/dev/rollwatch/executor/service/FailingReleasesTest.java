package dev.rollwatch.executor.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailingReleasesTest {

    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");
    private static final IllegalStateException BUG = new IllegalStateException("stored request is unreadable");

    private final FailingReleases failing = new FailingReleases(Duration.ofSeconds(2));

    @Test
    void aFailingReleaseIsLeftAloneForADelayThatDoublesWithEveryFailureInARow() {
        assertThat(failing.failed("rel-1", BUG, T0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(failing.failed("rel-1", BUG, T0.plusSeconds(2))).isEqualTo(Duration.ofSeconds(4));
        assertThat(failing.failed("rel-1", BUG, T0.plusSeconds(6))).isEqualTo(Duration.ofSeconds(8));

        assertThat(failing.leftAlone(T0.plusSeconds(13))).containsExactly("rel-1");
        assertThat(failing.leftAlone(T0.plusSeconds(14))).isEmpty();
    }

    @Test
    void theDelayStopsGrowingAtOneMinute() {
        Instant at = T0;
        for (int i = 0; i < 40; i++) {
            at = at.plus(failing.failed("rel-1", BUG, at));
        }

        assertThat(failing.failed("rel-1", BUG, at)).isEqualTo(FailingReleases.MAX_DELAY);
    }

    @Test
    void aReleaseThatAdvancesAgainStartsOverAndOthersAreNotHeldUp() {
        failing.failed("rel-1", BUG, T0);
        failing.failed("rel-1", BUG, T0.plusSeconds(2));

        failing.succeeded("rel-1");

        assertThat(failing.leftAlone(T0.plusSeconds(3))).isEmpty();
        assertThat(failing.failed("rel-1", BUG, T0.plusSeconds(3))).isEqualTo(Duration.ofSeconds(2));
        assertThat(failing.leftAlone(T0.plusSeconds(3))).containsExactly("rel-1");
    }

    @Test
    void aReleaseThatStoppedFailingElsewhereIsForgotten() {
        failing.failed("rel-1", BUG, T0);

        failing.leftAlone(T0.plus(Duration.ofMinutes(5)));

        assertThat(failing.failed("rel-1", BUG, T0.plus(Duration.ofMinutes(5)))).isEqualTo(Duration.ofSeconds(2));
    }
}
