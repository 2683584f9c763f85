package dev.rollwatch.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeploymentStatusTest {

    @Test
    void rolledOutWhenTheControllerSawTheSpecAndEveryPodIsUpdatedAndAvailable() {
        assertThat(new DeploymentStatus("web", 3, 2, 2, 3, 3, 3, 3).rolledOut()).isTrue();
    }

    @Test
    void notRolledOutWhileTheControllerHasNotSeenTheLatestSpec() {
        DeploymentStatus stale = new DeploymentStatus("web", 3, 3, 2, 3, 3, 3, 3);

        assertThat(stale.rolledOut()).isFalse();
        assertThat(stale.describe()).contains("has not seen the change yet");
    }

    @Test
    void notRolledOutWhileOldPodsRemainOrNewOnesAreNotAvailable() {
        assertThat(new DeploymentStatus("web", 3, 2, 2, 4, 3, 3, 3).rolledOut()).isFalse();
        assertThat(new DeploymentStatus("web", 3, 2, 2, 3, 3, 2, 2).rolledOut()).isFalse();
        assertThat(new DeploymentStatus("web", 3, 2, 2, 4, 3, 3, 3).describe())
                .contains("1 old pods pending termination");
    }

    @Test
    void aDeploymentScaledToZeroIsRolledOutOnceObserved() {
        assertThat(new DeploymentStatus("web", 0, 4, 4, 0, 0, 0, 0).rolledOut()).isTrue();
    }
}
