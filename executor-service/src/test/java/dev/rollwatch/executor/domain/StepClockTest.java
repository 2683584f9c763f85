package dev.rollwatch.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StepClockTest {

    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");
    private static final Timing TIMING =
            new Timing(Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(45));

    private static StepClock stepDueAt(Instant at) {
        StepClock clock = new StepClock(TIMING, null, null, null);
        clock.step(at);
        return clock;
    }

    @Test
    void theDeadlineRunsFromTheFirstApplicationNotFromWhenTheStepBecameDue() {
        StepClock clock = stepDueAt(T0);
        Instant applied = T0.plusSeconds(90);

        assertThat(clock.overdue(applied)).isFalse();
        assertThat(clock.overdue(applied.plusSeconds(60))).isFalse();

        assertThat(clock.startedAt()).isEqualTo(applied);
        assertThat(clock.deadlineAt()).isEqualTo(applied.plus(Duration.ofMinutes(10)));
        assertThat(clock.overdue(applied.plus(Duration.ofMinutes(10)))).isTrue();
    }

    @Test
    void aFailedRestoreIsTriedAgainAfterAQuarterOfTheTimeItHasFailedBetweenTheRetryDelayAndAMinute() {
        StepClock clock = stepDueAt(T0);

        clock.retryRestore(T0, T0.plusSeconds(60));
        assertThat(clock.dueAt()).isEqualTo(T0.plusSeconds(60 + 45));

        clock.retryRestore(T0, T0.plusSeconds(200));
        assertThat(clock.dueAt()).isEqualTo(T0.plusSeconds(200 + 50));

        clock.retryRestore(T0, T0.plus(Duration.ofHours(2)));
        assertThat(clock.dueAt()).isEqualTo(T0.plus(Duration.ofHours(2)).plus(StepClock.MAX_RESTORE_BACKOFF));
        assertThat(clock.deadlineAt()).isNull();
    }

    @Test
    void noCheckOrRetryIsScheduledPastTheDeadline() {
        StepClock clock = stepDueAt(T0);
        clock.overdue(T0);
        Instant late = T0.plus(Duration.ofMinutes(10)).minusSeconds(5);

        clock.checkAgain(T0);
        assertThat(clock.dueAt()).isEqualTo(T0.plusSeconds(30));
        clock.checkAgain(late);
        assertThat(clock.dueAt()).isEqualTo(clock.deadlineAt());
        clock.retryWithinDeadline(late);
        assertThat(clock.dueAt()).isEqualTo(clock.deadlineAt());
    }

    @Test
    void aNewStepStartsWithoutTheLastOnesStartOrDeadline() {
        StepClock clock = stepDueAt(T0);
        clock.overdue(T0);

        clock.step(T0.plusSeconds(60));

        assertThat(clock.startedAt()).isNull();
        assertThat(clock.deadlineAt()).isNull();
        assertThat(clock.isDue(T0.plusSeconds(59))).isFalse();
        assertThat(clock.isDue(T0.plusSeconds(60))).isTrue();
    }

    @Test
    void anIndefinitePauseIsNeverDueButKnowsWhenItBegan() {
        StepClock clock = stepDueAt(T0);

        clock.pause(T0, null);

        assertThat(clock.isDue(T0.plus(Duration.ofDays(1)))).isFalse();
        assertThat(clock.startedOr(T0.plusSeconds(5))).isEqualTo(T0);
    }

    @Test
    void workWithItsOwnDeadlineExpiresOneStepDeadlineAfterItWasAskedFor() {
        StepClock clock = new StepClock(TIMING, null, null, null);

        assertThat(clock.expired(T0, T0.plus(Duration.ofMinutes(10)).minusMillis(1)))
                .isFalse();
        assertThat(clock.expired(T0, T0.plus(Duration.ofMinutes(10)))).isTrue();
        clock.retry(T0);
        assertThat(clock.dueAt()).isEqualTo(T0.plusSeconds(45));
    }
}
