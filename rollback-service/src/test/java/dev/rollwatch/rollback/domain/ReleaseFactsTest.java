package dev.rollwatch.rollback.domain;

import static dev.rollwatch.rollback.domain.DomainFixtures.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.RollbackPolicy;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Weights;
import dev.rollwatch.events.fixtures.EventFixtures;
import org.junit.jupiter.api.Test;

class ReleaseFactsTest {

    @Test
    void aFinishedReleaseStaysFinishedWhenAStrayStepArrives() {
        ReleaseFacts done = ReleaseFacts.unknown(RELEASE).after(EventFixtures.promoted(RELEASE, 4));

        ReleaseFacts after = done.after(EventFixtures.weightSet(RELEASE, 1, 4, 50));

        assertThat(after.phase()).isEqualTo(StepCompleted.Phase.COMPLETED);
        assertThat(after.finished()).isTrue();
    }

    @Test
    void keepsTheLatestStableStateAndKeepsItWhenAStepCarriesNone() {
        StepCompleted.StableState older = new StepCompleted.StableState("checkout:1.4.0", "40", Weights.ALL_STABLE);
        StepCompleted withoutStable = new StepCompleted(
                RELEASE,
                1,
                4,
                StepCompleted.Action.PAUSE,
                StepCompleted.Outcome.SUCCEEDED,
                StepCompleted.Phase.PAUSED,
                Weights.canary(10),
                EventFixtures.T0,
                EventFixtures.T0,
                null,
                null);

        ReleaseFacts facts = new ReleaseFacts(RELEASE, null, null, older)
                .after(EventFixtures.weightSet(RELEASE, 0, 4, 10))
                .after(withoutStable);

        assertThat(facts.stable()).isEqualTo(EventFixtures.STABLE);
        assertThat(facts.phase()).isEqualTo(StepCompleted.Phase.PAUSED);
        assertThat(facts.finished()).isFalse();
    }

    @Test
    void thePolicyIsTheReleasesOwnOrTheFallback() {
        assertThat(DomainFixtures.running(RollbackPolicy.FREEZE).policyOr(RollbackPolicy.AUTOMATIC))
                .isEqualTo(RollbackPolicy.FREEZE);
        assertThat(DomainFixtures.running(null).policyOr(RollbackPolicy.MANUAL)).isEqualTo(RollbackPolicy.MANUAL);
        assertThat(ReleaseFacts.unknown(RELEASE).policyOr(RollbackPolicy.AUTOMATIC))
                .isEqualTo(RollbackPolicy.AUTOMATIC);
    }
}
