package dev.rollwatch.healthmonitor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowVerdictTest {

    private static final Instant T = Instant.parse("2026-11-20T14:00:00Z");

    private static WindowVerdict endingAt(Instant end) {
        return new WindowVerdict(Verdict.DEGRADED, end.minusSeconds(60), end, 100, List.of(), List.of(), "bad");
    }

    @Test
    void theFirstWindowFollowsNothing() {
        assertThat(endingAt(T).follows(null)).isTrue();
    }

    @Test
    void onlyANewerWindowFollowsTheLastJudgedOne() {
        assertThat(endingAt(T.plusSeconds(1)).follows(T)).isTrue();
        assertThat(endingAt(T).follows(T)).as("the same window again").isFalse();
        assertThat(endingAt(T.minusSeconds(1)).follows(T))
                .as("a slow evaluation finishing late")
                .isFalse();
    }
}
