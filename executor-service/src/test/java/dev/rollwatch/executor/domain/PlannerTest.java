package dev.rollwatch.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.StepCompleted.Action;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final Duration DEFAULT_DELAY = Duration.ofSeconds(30);
    private static final Duration DEFAULT_BAKE = Duration.ofMinutes(1);

    @Test
    void canaryStepsRunInOrderAndEndWithPromotion() {
        Plan plan = Planner.plan(
                ReleaseRequestBuilder.canary()
                        .steps(
                                Strategy.CanaryStep.weight(10),
                                Strategy.CanaryStep.pauseFor("30s"),
                                Strategy.CanaryStep.pauseUntilResumed(),
                                Strategy.CanaryStep.weight(100))
                        .build(),
                DEFAULT_DELAY,
                DEFAULT_BAKE);

        assertThat(plan.steps())
                .containsExactly(
                        PlannedStep.setWeight(10),
                        PlannedStep.pause(Duration.ofSeconds(30)),
                        PlannedStep.pause(null),
                        PlannedStep.setWeight(100),
                        PlannedStep.promote());
        assertThat(plan.firstUnskippableFrom(0)).isEqualTo(4);
    }

    @Test
    void blueGreenWaitsForPromoteOnlyWhenAutoPromoteIsOff() {
        Plan auto = Planner.plan(ReleaseRequestBuilder.blueGreen().build(), DEFAULT_DELAY, DEFAULT_BAKE);
        Plan manual = Planner.plan(
                ReleaseRequestBuilder.blueGreen()
                        .strategy(new Strategy(
                                Strategy.Type.BLUE_GREEN,
                                null,
                                new Strategy.BlueGreen(null, false, null, null),
                                null,
                                null))
                        .build(),
                DEFAULT_DELAY,
                DEFAULT_BAKE);

        assertThat(auto.steps())
                .extracting(PlannedStep::action)
                .containsExactly(Action.DEPLOY_PREVIEW, Action.SWITCH_TRAFFIC, Action.SCALE_DOWN);
        assertThat(auto.step(2).duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(manual.steps())
                .extracting(PlannedStep::action)
                .containsExactly(Action.DEPLOY_PREVIEW, Action.PAUSE, Action.SWITCH_TRAFFIC, Action.SCALE_DOWN);
        assertThat(manual.step(1).isIndefinitePause()).isTrue();
        assertThat(manual.step(3).duration()).isEqualTo(DEFAULT_DELAY);
    }

    @Test
    void rollingUpdatesThenBakesBeforeTheNewVersionIsStable() {
        Plan plan = Planner.plan(ReleaseRequestBuilder.rolling().build(), DEFAULT_DELAY, DEFAULT_BAKE);

        assertThat(plan.steps()).containsExactly(PlannedStep.rollingUpdate(), PlannedStep.pause(DEFAULT_BAKE));
        assertThat(plan.isLast(1)).isTrue();
    }

    @Test
    void aReleaseSetsItsOwnBakeTimeOrNone() {
        Plan none = Planner.plan(
                ReleaseRequestBuilder.rolling()
                        .strategy(new Strategy(
                                Strategy.Type.ROLLING, null, null, new Strategy.Rolling("25%", "0", "0s"), null))
                        .build(),
                DEFAULT_DELAY,
                DEFAULT_BAKE);
        Plan twentySeconds = Planner.plan(
                ReleaseRequestBuilder.rolling()
                        .strategy(new Strategy(
                                Strategy.Type.ROLLING, null, null, new Strategy.Rolling("25%", "0", "20s"), null))
                        .build(),
                DEFAULT_DELAY,
                DEFAULT_BAKE);

        assertThat(none.steps()).containsExactly(PlannedStep.rollingUpdate());
        assertThat(twentySeconds.steps())
                .containsExactly(PlannedStep.rollingUpdate(), PlannedStep.pause(Duration.ofSeconds(20)));
    }
}
