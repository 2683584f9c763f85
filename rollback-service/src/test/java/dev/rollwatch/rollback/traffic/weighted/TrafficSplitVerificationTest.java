package dev.rollwatch.rollback.traffic.weighted;

import static dev.rollwatch.rollback.testing.ClusterObjects.trafficSplit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routings;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.testing.FakeCluster;
import dev.rollwatch.rollback.traffic.Targets;
import dev.rollwatch.rollback.traffic.TrafficChecks;
import org.junit.jupiter.api.Test;

/** An SMI canary's restore, read through the weighted-object check with the contract's reader. */
class TrafficSplitVerificationTest {

    private final TrafficChecks checks = new TrafficChecks(Routings.standard(), RouterVersions.defaults());

    private Finding judge(FakeCluster cluster) {
        RestoreTarget target = Targets.canary(TrafficRouter.Type.SMI);
        return checks.forTarget(target).allTrafficToStable(target, cluster);
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

    @Test
    void noTrafficSplitMeansNothingRoutesToTheCanary() {
        Finding finding = judge(new FakeCluster());

        assertThat(finding.verified()).isTrue();
        assertThat(finding.detail()).isEqualTo("no TrafficSplit shop/checkout: nothing routes to the canary");
    }

    @Test
    void aSplitNamingNeitherServiceIsNotRestored() {
        assertThat(judge(new FakeCluster().with(trafficSplit("shop", "checkout", "checkout-legacy", 100)))
                        .detail())
                .isEqualTo("TrafficSplit shop/checkout routes nothing to the stable or canary Service");
    }
}
