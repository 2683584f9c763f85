package dev.rollwatch.executor.domain;

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
    void theEffectiveWeightIsWhatThePodCountsGive() {
        assertThat(ReplicaSplit.effective(1, 3)).isEqualTo(new Weights(25, 75));
        assertThat(ReplicaSplit.effective(4, 0)).isEqualTo(new Weights(100, 0));
        assertThat(ReplicaSplit.effective(0, 0)).isEqualTo(Weights.ALL_STABLE);
    }
}
