package dev.rollwatch.rollback.traffic.weighted;

import static dev.rollwatch.rollback.testing.ClusterObjects.httpRoute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routings;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.testing.FakeCluster;
import dev.rollwatch.rollback.traffic.Targets;
import dev.rollwatch.rollback.traffic.TrafficChecks;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Gateway API canary's restore, read through the weighted-object check with the contract's reader. */
class HttpRouteVerificationTest {

    private final TrafficChecks checks = new TrafficChecks(Routings.standard(), RouterVersions.defaults());

    private Finding judge(FakeCluster cluster) {
        RestoreTarget target = Targets.canary(TrafficRouter.Type.GATEWAY_API);
        return checks.forTarget(target).allTrafficToStable(target, cluster);
    }

    @Test
    void theCanaryBackendAtZeroLeavesAllToStable() {
        assertThat(judge(new FakeCluster().with(httpRoute("shop", "checkout", "checkout", 100, "checkout-canary", 0)))
                        .verified())
                .isTrue();
    }

    @Test
    void aCanaryBackendWithWeightIsNotRestored() {
        Finding finding =
                judge(new FakeCluster().with(httpRoute("shop", "checkout", "checkout", 50, "checkout-canary", 50)));

        assertThat(finding.verified()).isFalse();
        assertThat(finding.detail()).contains("rule 1: 50% stable, 50% canary");
    }

    @Test
    void aBackendWithoutWeightWeighsOne() {
        FakeCluster cluster = new FakeCluster()
                .with(new GenericKubernetesResourceBuilder()
                        .withApiVersion("gateway.networking.k8s.io/v1")
                        .withKind("HTTPRoute")
                        .withNewMetadata()
                        .withNamespace("shop")
                        .withName("checkout")
                        .endMetadata()
                        .withAdditionalProperties(Map.of(
                                "spec",
                                Map.of(
                                        "rules",
                                        List.of(Map.of(
                                                "backendRefs",
                                                List.of(
                                                        Map.of("name", "checkout"),
                                                        Map.of("name", "checkout-canary")))))))
                        .build());

        assertThat(judge(cluster).detail()).contains("50% stable, 50% canary");
    }

    @Test
    void aMissingHttpRouteIsAFinding() {
        Finding finding = judge(new FakeCluster());

        assertThat(finding.verified()).isFalse();
        assertThat(finding.detail()).isEqualTo("HTTPRoute shop/checkout not found");
    }
}
