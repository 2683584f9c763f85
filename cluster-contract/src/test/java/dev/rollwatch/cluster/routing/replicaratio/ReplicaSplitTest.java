package dev.rollwatch.cluster.routing.replicaratio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Weights;
import org.junit.jupiter.api.Test;

class ReplicaSplitTest {

    @Test
    void anyPositiveWeightGetsAtLeastOneCanaryPod() {
        assertThat(ReplicaSplit.canaryReplicas(4, 1)).isEqualTo(1);
        assertThat(ReplicaSplit.canaryReplicas(4, 10)).isEqualTo(1);
        assertThat(ReplicaSplit.canaryReplicas(0, 10)).isEqualTo(1);
    }

    @Test
    void weightsRoundUpToWholePodsAndNeverExceedTheTotal() {
        assertThat(ReplicaSplit.canaryReplicas(4, 50)).isEqualTo(2);
        assertThat(ReplicaSplit.canaryReplicas(4, 60)).isEqualTo(3);
        assertThat(ReplicaSplit.canaryReplicas(4, 100)).isEqualTo(4);
        assertThat(ReplicaSplit.canaryReplicas(4, 0)).isZero();
    }

    @Test
    void theStableKeepsTheRestAndAtLeastOnePodBelowAHundredPercent() {
        assertThat(ReplicaSplit.stableReplicas(4, 1, 10)).isEqualTo(3);
        assertThat(ReplicaSplit.stableReplicas(1, 1, 50)).isEqualTo(1);
        assertThat(ReplicaSplit.effective(1, ReplicaSplit.stableReplicas(1, 1, 50)))
                .isEqualTo(new Weights(50, 50));
        assertThat(ReplicaSplit.stableReplicas(4, 4, 100)).isZero();
        assertThat(ReplicaSplit.stableReplicas(4, 0, 0)).isEqualTo(4);
    }

    @Test
    void theEffectiveWeightIsWhatThePodCountsGive() {
        assertThat(ReplicaSplit.effective(1, 3)).isEqualTo(new Weights(25, 75));
        assertThat(ReplicaSplit.effective(4, 0)).isEqualTo(new Weights(100, 0));
        assertThat(ReplicaSplit.effective(0, 0)).isEqualTo(Weights.ALL_STABLE);
    }
}
