package dev.rollwatch.rollback.traffic;

import static dev.rollwatch.rollback.testing.ClusterObjects.trafficSplit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.testing.ClusterObjects;
import dev.rollwatch.rollback.testing.FakeCluster;
import dev.rollwatch.rollback.traffic.smi.TrafficSplitCheck;
import org.junit.jupiter.api.Test;

class TrafficSplitCheckTest {

    private final TrafficSplitCheck check = new TrafficSplitCheck(ClusterObjects.TRAFFIC_SPLIT);

    private Finding judge(FakeCluster cluster) {
        return check.allTrafficToStable(Targets.canary(TrafficRouter.Type.SMI), cluster);
    }

    @Test
    void allWeightOnTheStableBackend() {
        assertThat(judge(new FakeCluster()
                                .with(trafficSplit("shop", "checkout", "checkout", 100, "checkout-canary", 0)))
                        .verified())
                .isTrue();
    }

    @Test
    void quantityWeightsOfTheFirstVersionAreRead() {
        assertThat(judge(new FakeCluster()
                                .with(trafficSplit("shop", "checkout", "checkout", "900m", "checkout-canary", "100m")))
                        .detail())
                .contains("90% stable, 10% canary");
    }

    @Test
    void aCanaryWeightLeftIsNotRestored() {
        assertThat(judge(new FakeCluster()
                                .with(trafficSplit("shop", "checkout", "checkout", 75, "checkout-canary", 25)))
                        .verified())
                .isFalse();
    }
}
