package dev.rollwatch.healthmonitor.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.healthmonitor.persistence.WatchEntity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DueTimesTest {

    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");

    private static WatchEntity due(Instant at) {
        WatchEntity w = new WatchEntity();
        w.intervalMs = 10_000L;
        w.nextDueAt = at;
        return w;
    }

    @Test
    void windowsStayOnTheirIntervalGridWhenEvaluatedALittleLate() {
        // Claimed 300 ms late: the next window is still due 10 s after the previous due time.
        assertThat(WatchPoller.nextDue(due(T0), T0.plusMillis(300))).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void aWatchThatFellFarBehindSkipsTheMissedWindowsInsteadOfBursting() {
        // After 45 s without any instance running, one evaluation now and the next an interval later.
        assertThat(WatchPoller.nextDue(due(T0), T0.plusSeconds(45))).isEqualTo(T0.plusSeconds(55));
    }

    @Test
    void thePreviousVersionIsMeasuredEverySecondWhileTheSwitchIsAwaited() {
        // A baseline needs two scrapes before the switch, which may come a few seconds after the request.
        WatchEntity waiting = due(T0);
        waiting.state = dev.rollwatch.healthmonitor.domain.WatchState.WAITING_FOR_TRAFFIC;

        assertThat(WatchPoller.nextDue(waiting, T0.plusMillis(100))).isEqualTo(T0.plusSeconds(1));
    }
}
