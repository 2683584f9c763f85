package dev.rollwatch.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.StepCompleted.RollbackAnswer;
import dev.rollwatch.events.Weights;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestoresTest {

    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");

    private static Restore rollback(int attempt, Instant at) {
        return new Restore(Restore.Kind.ROLLBACK, "error rate 9%", attempt, at);
    }

    private static Restores none() {
        return new Restores(null, 0, false, 0);
    }

    @Test
    void aRollbackOfARunningReleaseIsCarriedOut() {
        Restores restores = none();

        assertThat(restores.declined(rollback(1, T0), null, RolloutStatus.RUNNING, Weights.canary(10)))
                .isNull();
        assertThat(restores.schedule(rollback(1, T0))).isEqualTo(rollback(1, T0));
        assertThat(restores.pending()).isEqualTo(rollback(1, T0));
    }

    @Test
    void aRollbackTakesOverAFailedStepsRestoreButKeepsItsDeadline() {
        Restores restores = none();
        restores.failure("not ready", T0);

        assertThat(restores.declined(rollback(1, T0.plusSeconds(30)), null, RolloutStatus.RUNNING, Weights.canary(10)))
                .isNull();
        Restore scheduled = restores.schedule(rollback(1, T0.plusSeconds(30)));

        assertThat(scheduled).isEqualTo(rollback(1, T0));
    }

    @Test
    void aSecondDecisionWhileARollbackRestoreIsUnderWayIsIgnored() {
        Restores restores = none();
        restores.schedule(rollback(1, T0));

        Decision second = restores.declined(rollback(2, T0), null, RolloutStatus.RUNNING, Weights.canary(10));

        assertThat(second.applied()).isFalse();
        assertThat(second.note()).isEqualTo("a restore is already under way");
    }

    @Test
    void anEndedRestoreRemembersItsAttemptSoTheSameAttemptIsNotRestoredTwice() {
        Restores restores = none();
        restores.schedule(rollback(2, T0));

        Restore done = restores.ended(false);

        assertThat(done.attempt()).isEqualTo(2);
        assertThat(restores.isPending()).isFalse();
        assertThat(Restores.endsIn(done.kind())).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(restores.declined(rollback(2, T0), null, RolloutStatus.ROLLED_BACK, Weights.ALL_STABLE)
                        .applied())
                .isFalse();
    }

    @Test
    void aPromotedReleaseAnswersEachAttemptOnce() {
        Restores restores = none();

        Decision first = restores.declined(rollback(1, T0), null, RolloutStatus.COMPLETED, Weights.ALL_STABLE);
        Decision again = restores.declined(rollback(1, T0), null, RolloutStatus.COMPLETED, Weights.ALL_STABLE);

        assertThat(first.applied()).isTrue();
        assertThat(first.reports())
                .singleElement()
                .extracting(StepReport::rollback)
                .isEqualTo(RollbackAnswer.TOO_LATE);
        assertThat(restores.answeredAttempt()).isEqualTo(1);
        assertThat(again.applied()).isFalse();
    }

    @Test
    void theReTriggerAfterAFailedStepsRestoreRestoresAgain() {
        Restores restores = none();
        restores.failure("not ready", T0);
        restores.ended(true);

        assertThat(restores.declined(rollback(2, T0), null, RolloutStatus.FAILED, Weights.canary(10)))
                .isNull();
    }
}
