package dev.rollwatch.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.StepCompleted.Action;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.Weights;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No step without a verdict: a watched release widens its new version's exposure only once judged HEALTHY. */
class VerdictGateTest {

    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");
    private static final Timing TIMING =
            new Timing(Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static final Plan CANARY = new Plan(
            Strategy.Type.CANARY,
            List.of(
                    PlannedStep.setWeight(10),
                    PlannedStep.pause(Duration.ofSeconds(20)),
                    PlannedStep.setWeight(50),
                    PlannedStep.promote()),
            true);
    private static final Plan ROLLING = new Plan(
            Strategy.Type.ROLLING,
            List.of(PlannedStep.rollingUpdate(), PlannedStep.pause(Duration.ofMinutes(1))),
            true);
    private static final Plan BLUE_GREEN = new Plan(
            Strategy.Type.BLUE_GREEN,
            List.of(
                    PlannedStep.deployPreview(),
                    PlannedStep.switchTraffic(),
                    PlannedStep.scaleDown(Duration.ofSeconds(30))),
            true);

    private static Rollout started(Plan plan) {
        Rollout rollout = new Rollout(plan, TIMING, RolloutState.requested(T0, null));
        rollout.recorded(Weights.ALL_STABLE, T0);
        return rollout;
    }

    /** A canary at 10% whose 20 s pause just ended. */
    private static Rollout canaryAfterPause() {
        Rollout rollout = started(CANARY);
        rollout.stepDone(Weights.canary(10), "canary ready", T0);
        rollout.pauseEnded(T0.plusSeconds(20));
        return rollout;
    }

    @Test
    void aLowTrafficCanaryNobodyJudgedIsHeldAfterItsPauseInsteadOfPromoted() {
        Rollout rollout = canaryAfterPause();
        Instant later = T0.plusSeconds(21);

        assertThat(rollout.next(later)).isEqualTo(new Work.AwaitVerdict(2, PlannedStep.setWeight(50)));
        List<StepReport> waiting = rollout.awaitVerdict(later);

        assertThat(waiting).singleElement().satisfies(r -> {
            assertThat(r.phase()).isEqualTo(Phase.PAUSED);
            assertThat(r.message())
                    .isEqualTo("waiting for the new version to be judged HEALTHY at 10% before setWeight 50%");
        });
        assertThat(rollout.next(T0.plus(Duration.ofHours(1)))).isInstanceOf(Work.Idle.class);
        assertThat(rollout.weights()).isEqualTo(Weights.canary(10));
    }

    @Test
    void aHealthyVerdictAtTheWeightInForceLetsTheNextStepStart() {
        Rollout rollout = canaryAfterPause();
        rollout.awaitVerdict(T0.plusSeconds(21));

        Decision decision = rollout.verdictPassed(10, "all SLOs met", T0.plusSeconds(30));

        assertThat(decision.reports()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.RESUME);
            assertThat(r.message()).isEqualTo("judged HEALTHY at 10%: all SLOs met");
        });
        assertThat(rollout.next(T0.plusSeconds(30))).isEqualTo(new Work.Apply(2, PlannedStep.setWeight(50)));
    }

    @Test
    void aVerdictGivenDuringThePauseCountsAndNothingWaits() {
        Rollout rollout = started(CANARY);
        rollout.stepDone(Weights.canary(10), "canary ready", T0);
        rollout.verdictPassed(10, "all SLOs met", T0.plusSeconds(15));
        rollout.pauseEnded(T0.plusSeconds(20));

        assertThat(rollout.next(T0.plusSeconds(20))).isEqualTo(new Work.Apply(2, PlannedStep.setWeight(50)));
    }

    @Test
    void aVerdictOnAnEarlierWeightDoesNotCountForTheNextOne() {
        Rollout rollout = started(CANARY);
        rollout.stepDone(Weights.canary(10), "canary ready", T0);
        rollout.verdictPassed(10, "all SLOs met", T0.plusSeconds(15));
        rollout.pauseEnded(T0.plusSeconds(20));
        rollout.stepDone(Weights.canary(50), "canary ready", T0.plusSeconds(25));

        assertThat(rollout.next(T0.plusSeconds(25))).isEqualTo(new Work.AwaitVerdict(3, PlannedStep.promote()));
        rollout.awaitVerdict(T0.plusSeconds(25));
        assertThat(rollout.verdictPassed(10, "late", T0.plusSeconds(26)).reports())
                .isEmpty();
        assertThat(rollout.next(T0.plusSeconds(26))).isInstanceOf(Work.Idle.class);
    }

    @Test
    void anOperatorsResumeWaivesTheVerdictForThisStepOnly() {
        Rollout rollout = canaryAfterPause();
        rollout.awaitVerdict(T0.plusSeconds(21));

        Decision resumed = rollout.resume("resume by alice", T0.plusSeconds(40));

        assertThat(resumed.reports())
                .singleElement()
                .satisfies(r -> assertThat(r.message()).isEqualTo("resume by alice (without a HEALTHY verdict)"));
        assertThat(rollout.next(T0.plusSeconds(40))).isEqualTo(new Work.Apply(2, PlannedStep.setWeight(50)));
        rollout.stepDone(Weights.canary(50), "canary ready", T0.plusSeconds(45));
        assertThat(rollout.next(T0.plusSeconds(45))).isEqualTo(new Work.AwaitVerdict(3, PlannedStep.promote()));
    }

    @Test
    void aRollingBakeEndsOnlyWithAVerdictOnTheRolledOutVersion() {
        Rollout rollout = started(ROLLING);
        rollout.stepDone(Weights.ALL_STABLE, "rolled out", T0);

        List<StepReport> bakeOver = rollout.pauseEnded(T0.plus(Duration.ofMinutes(1)));

        assertThat(bakeOver)
                .singleElement()
                .satisfies(r -> assertThat(r.message())
                        .isEqualTo("waiting for the new version to be judged HEALTHY at 100% before completing"));
        assertThat(rollout.status()).isEqualTo(RolloutStatus.RUNNING);
        // The health monitor watches a rolled-out version as taking all the traffic.
        assertThat(rollout.verdictPassed(0, "stale", T0.plus(Duration.ofMinutes(2)))
                        .reports())
                .isEmpty();
        Decision judged = rollout.verdictPassed(100, "all SLOs met", T0.plus(Duration.ofMinutes(2)));
        assertThat(judged.reports()).extracting(StepReport::phase).containsExactly(Phase.PROGRESSING, Phase.COMPLETED);
        assertThat(rollout.status()).isEqualTo(RolloutStatus.COMPLETED);
    }

    @Test
    void aBlueGreenPromotionWaitsForAVerdictAfterTheSwitch() {
        Rollout rollout = started(BLUE_GREEN);
        assertThat(rollout.next(T0)).isEqualTo(new Work.Apply(0, PlannedStep.deployPreview()));
        rollout.stepDone(Weights.ALL_STABLE, "preview ready", T0);
        assertThat(rollout.next(T0))
                .as("the preview takes no traffic yet: nothing to judge")
                .isEqualTo(new Work.Apply(1, PlannedStep.switchTraffic()));
        rollout.stepDone(new Weights(100, 0), "switched", T0.plusSeconds(1));

        assertThat(rollout.next(T0.plusSeconds(31)))
                .isEqualTo(new Work.AwaitVerdict(2, PlannedStep.scaleDown(Duration.ofSeconds(30))));
    }

    @Test
    void aReleaseWithoutVerdictsAdvancesOnItsTimers() {
        Rollout rollout = new Rollout(CANARY.withVerdicts(false), TIMING, RolloutState.requested(T0, null));
        rollout.recorded(Weights.ALL_STABLE, T0);
        rollout.stepDone(Weights.canary(10), "canary ready", T0);
        rollout.pauseEnded(T0.plusSeconds(20));

        assertThat(rollout.next(T0.plusSeconds(20))).isEqualTo(new Work.Apply(2, PlannedStep.setWeight(50)));
    }

    @Test
    void anOperatorsPromoteSkipsTheWait() {
        Rollout rollout = canaryAfterPause();
        rollout.awaitVerdict(T0.plusSeconds(21));

        rollout.promote("promote by alice", T0.plusSeconds(30));

        assertThat(rollout.next(T0.plusSeconds(30))).isEqualTo(new Work.Apply(3, PlannedStep.promote()));
    }
}
