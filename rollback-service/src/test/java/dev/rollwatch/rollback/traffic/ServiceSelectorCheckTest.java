package dev.rollwatch.rollback.traffic;

import static dev.rollwatch.rollback.testing.ClusterObjects.deployment;
import static dev.rollwatch.rollback.testing.ClusterObjects.labels;
import static dev.rollwatch.rollback.testing.ClusterObjects.service;
import static dev.rollwatch.rollback.traffic.Targets.NEW_IMAGE;
import static dev.rollwatch.rollback.traffic.Targets.STABLE_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.testing.FakeCluster;
import dev.rollwatch.rollback.traffic.selector.ServiceSelectorCheck;
import org.junit.jupiter.api.Test;

class ServiceSelectorCheckTest {

    private final ServiceSelectorCheck check = new ServiceSelectorCheck();

    private static FakeCluster replicaRatio(int canaryReplicas, int canaryReady) {
        return new FakeCluster()
                .with(service("shop", "checkout", labels("app", "checkout")))
                .with(deployment("shop", "checkout", STABLE_IMAGE, labels("app", "checkout", "track", "stable"), 4, 4))
                .with(deployment(
                        "shop",
                        "checkout-canary",
                        NEW_IMAGE,
                        labels("app", "checkout", "track", "canary"),
                        canaryReplicas,
                        canaryReady))
                .with(deployment("shop", "payments", "payments:2", labels("app", "payments"), 2, 2));
    }

    @Test
    void aCanaryScaledToZeroTakesNoTraffic() {
        Finding finding =
                check.allTrafficToStable(Targets.canary(TrafficRouter.Type.REPLICA_RATIO), replicaRatio(0, 0));

        assertThat(finding.verified()).isTrue();
        assertThat(finding.detail()).isEqualTo("Service checkout selects only checkout's pods");
    }

    @Test
    void aCanaryWithReadyPodsStillTakesTraffic() {
        Finding finding =
                check.allTrafficToStable(Targets.canary(TrafficRouter.Type.REPLICA_RATIO), replicaRatio(1, 1));

        assertThat(finding.verified()).isFalse();
        assertThat(finding.detail()).contains("still selects Deployment checkout-canary (1 ready, 1 desired)");
    }

    @Test
    void aCanaryScaledDownWithPodsStillReadyIsNotRestoredYet() {
        assertThat(check.allTrafficToStable(Targets.canary(TrafficRouter.Type.REPLICA_RATIO), replicaRatio(0, 1))
                        .verified())
                .isFalse();
    }

    @Test
    void blueGreenIsRestoredWhenTheSelectorPointsBackAtTheStableColour() {
        FakeCluster cluster = new FakeCluster()
                .with(service("shop", "checkout", labels("app", "checkout", "colour", "blue")))
                .with(deployment("shop", "checkout", STABLE_IMAGE, labels("app", "checkout", "colour", "blue"), 4, 4))
                .with(deployment(
                        "shop", "checkout-preview", NEW_IMAGE, labels("app", "checkout", "colour", "green"), 4, 4));

        assertThat(check.allTrafficToStable(Targets.of(Strategy.Type.BLUE_GREEN), cluster)
                        .verified())
                .isTrue();
    }

    @Test
    void blueGreenIsNotRestoredWhileTheSelectorStillPointsAtThePreview() {
        FakeCluster cluster = new FakeCluster()
                .with(service("shop", "checkout", labels("app", "checkout", "colour", "green")))
                .with(deployment("shop", "checkout", STABLE_IMAGE, labels("app", "checkout", "colour", "blue"), 4, 4))
                .with(deployment(
                        "shop", "checkout-preview", NEW_IMAGE, labels("app", "checkout", "colour", "green"), 4, 4));

        Finding finding = check.allTrafficToStable(Targets.of(Strategy.Type.BLUE_GREEN), cluster);

        assertThat(finding.verified()).isFalse();
        assertThat(finding.detail()).contains("does not select the pods of the stable Deployment checkout");
    }

    @Test
    void aMissingServiceIsAFinding() {
        FakeCluster cluster =
                new FakeCluster().with(deployment("shop", "checkout", STABLE_IMAGE, labels("app", "checkout"), 4, 4));

        assertThat(check.allTrafficToStable(Targets.of(Strategy.Type.BLUE_GREEN), cluster)
                        .detail())
                .isEqualTo("Service shop/checkout not found");
    }
}
