package dev.rollwatch.healthmonitor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Weights;
import dev.rollwatch.events.fixtures.EventFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WatchLifecycleTest {

    private static StepCompleted step(StepCompleted.Action action, StepCompleted.Phase phase, Weights weights) {
        Instant t = Instant.parse("2026-11-20T14:00:00Z");
        return new StepCompleted(
                "rel-1",
                0,
                4,
                action,
                StepCompleted.Outcome.SUCCEEDED,
                phase,
                weights,
                t,
                t,
                null,
                EventFixtures.STABLE);
    }

    @Test
    void startsWatchingWhenTheCanaryTakesTraffic() {
        WatchLifecycle.Change change =
                WatchLifecycle.onStep(WatchState.WAITING_FOR_TRAFFIC, EventFixtures.weightSet("rel-1", 0, 4, 10));

        assertThat(change.state()).isEqualTo(WatchState.WATCHING);
        assertThat(change.weight()).isEqualTo(10);
    }

    @Test
    void aPreviewWithoutTrafficIsNotWatchedUntilTheSwitch() {
        assertThat(WatchLifecycle.onStep(
                                WatchState.WAITING_FOR_TRAFFIC,
                                step(
                                        StepCompleted.Action.DEPLOY_PREVIEW,
                                        StepCompleted.Phase.PROGRESSING,
                                        Weights.ALL_STABLE))
                        .state())
                .isEqualTo(WatchState.WAITING_FOR_TRAFFIC);

        WatchLifecycle.Change switched = WatchLifecycle.onStep(
                WatchState.WAITING_FOR_TRAFFIC,
                step(StepCompleted.Action.SWITCH_TRAFFIC, StepCompleted.Phase.PROGRESSING, Weights.ALL_STABLE));

        assertThat(switched.state()).isEqualTo(WatchState.WATCHING);
        assertThat(switched.weight()).isEqualTo(100);
    }

    @Test
    void aRollingUpdateIsWatchedOnceItRuns() {
        assertThat(WatchLifecycle.onStep(
                                WatchState.WAITING_FOR_TRAFFIC,
                                step(
                                        StepCompleted.Action.ROLLING_UPDATE,
                                        StepCompleted.Phase.PROGRESSING,
                                        Weights.ALL_STABLE))
                        .state())
                .isEqualTo(WatchState.WATCHING);
    }

    @Test
    void aPausedReleaseIsStillWatched() {
        assertThat(WatchLifecycle.onStep(
                                WatchState.WATCHING,
                                step(StepCompleted.Action.PAUSE, StepCompleted.Phase.PAUSED, Weights.canary(25)))
                        .state())
                .isEqualTo(WatchState.WATCHING);
    }

    @Test
    void aPauseWaitingForTheVerdictAfterARollingUpdateKeepsItWatchedAtFullExposure() {
        // The executor reports a rolling update's pause with the canary split it never had: 0%.
        WatchLifecycle.Change paused = WatchLifecycle.onStep(
                WatchState.WATCHING, step(StepCompleted.Action.PAUSE, StepCompleted.Phase.PAUSED, Weights.ALL_STABLE));

        assertThat(paused.state()).isEqualTo(WatchState.WATCHING);
        assertThat(paused.weight()).as("the weight in force stays").isNull();
        assertThat(WatchLifecycle.onStep(
                                WatchState.WATCHING,
                                step(
                                        StepCompleted.Action.SCALE_DOWN,
                                        StepCompleted.Phase.PROGRESSING,
                                        Weights.ALL_STABLE))
                        .state())
                .isEqualTo(WatchState.WATCHING);
    }

    @Test
    void everyEndOfTheReleaseEndsTheWatch() {
        assertThat(WatchLifecycle.onStep(WatchState.WATCHING, EventFixtures.promoted("rel-1", 4))
                        .state())
                .isEqualTo(WatchState.ENDED);
        assertThat(WatchLifecycle.onStep(WatchState.WATCHING, EventFixtures.rolledBack("rel-1", 4))
                        .endReason())
                .isEqualTo("release rolled back");
        assertThat(WatchLifecycle.onStep(WatchState.WATCHING, EventFixtures.stepFailed("rel-1", 1, 4, "timeout"))
                        .state())
                .isEqualTo(WatchState.ENDED);
        assertThat(WatchLifecycle.onStep(
                                WatchState.WATCHING,
                                step(StepCompleted.Action.ROLLBACK, StepCompleted.Phase.ABORTED, Weights.ALL_STABLE))
                        .endReason())
                .isEqualTo("release aborted");
        assertThat(WatchLifecycle.onRollbackTriggered().state()).isEqualTo(WatchState.ENDED);
    }

    @Test
    void anEndedWatchStaysEndedWhateverArrivesLate() {
        WatchLifecycle.Change late =
                WatchLifecycle.onStep(WatchState.ENDED, EventFixtures.weightSet("rel-1", 2, 4, 50));

        assertThat(late.state()).isEqualTo(WatchState.ENDED);
        assertThat(WatchLifecycle.onRequested(WatchState.ENDED, 50).state()).isEqualTo(WatchState.ENDED);
    }

    @Test
    void aStepBeforeTheRequestIsRememberedAndStartsTheWatchWhenTheRequestArrives() {
        WatchLifecycle.Change early =
                WatchLifecycle.onStep(WatchState.AWAITING_REQUEST, EventFixtures.weightSet("rel-1", 0, 4, 10));
        assertThat(early.state()).isEqualTo(WatchState.AWAITING_REQUEST);

        WatchLifecycle.Change requested = WatchLifecycle.onRequested(early.state(), early.weight());

        assertThat(requested.state()).isEqualTo(WatchState.WATCHING);
    }

    @Test
    void aRequestWithoutTrafficYetWaits() {
        assertThat(WatchLifecycle.onRequested(WatchState.AWAITING_REQUEST, null).state())
                .isEqualTo(WatchState.WAITING_FOR_TRAFFIC);
    }
}
