package dev.rollwatch.rollback.traffic.weighted;

import static dev.rollwatch.rollback.testing.ClusterObjects.virtualService;
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

/** An Istio canary's restore, read through the weighted-object check with the contract's reader. */
class VirtualServiceVerificationTest {

    private final TrafficChecks checks = new TrafficChecks(Routings.standard(), RouterVersions.defaults());

    private Finding judge(FakeCluster cluster, Map<String, String> options) {
        RestoreTarget target = Targets.canary(TrafficRouter.Type.ISTIO, options);
        return checks.forTarget(target).allTrafficToStable(target, cluster);
    }

    @Test
    void allTrafficToTheStableHost() {
        FakeCluster cluster = new FakeCluster()
                .with(virtualService("shop", "checkout", "primary", "checkout", 100, "checkout-canary", 0));

        Finding finding = judge(cluster, Map.of());

        assertThat(finding.verified()).isTrue();
        assertThat(finding.detail()).isEqualTo("VirtualService shop/checkout sends 100% to stable");
    }

    @Test
    void qualifiedHostNamesCount() {
        FakeCluster cluster = new FakeCluster()
                .with(virtualService(
                        "shop",
                        "checkout",
                        "primary",
                        "checkout.shop.svc.cluster.local",
                        100,
                        "checkout-canary.shop.svc.cluster.local",
                        0));

        assertThat(judge(cluster, Map.of()).verified()).isTrue();
    }

    @Test
    void aCanaryWeightLeftIsNotRestored() {
        FakeCluster cluster = new FakeCluster()
                .with(virtualService("shop", "checkout", "primary", "checkout", 90, "checkout-canary", 10));

        Finding finding = judge(cluster, Map.of());

        assertThat(finding.verified()).isFalse();
        assertThat(finding.detail()).contains("route 'primary': 90% stable, 10% canary");
    }

    @Test
    void aLoneDestinationWithoutWeightTakesEverything() {
        FakeCluster cluster = new FakeCluster()
                .with(new GenericKubernetesResourceBuilder()
                        .withApiVersion("networking.istio.io/v1")
                        .withKind("VirtualService")
                        .withNewMetadata()
                        .withNamespace("shop")
                        .withName("checkout")
                        .endMetadata()
                        .withAdditionalProperties(Map.of(
                                "spec",
                                Map.of(
                                        "http",
                                        List.of(Map.of(
                                                "route", List.of(Map.of("destination", Map.of("host", "checkout"))))))))
                        .build());

        assertThat(judge(cluster, Map.of()).verified()).isTrue();
    }

    @Test
    void onlyTheNamedRouteCountsWhenTheOptionsNameOne() {
        FakeCluster cluster = new FakeCluster()
                .with(virtualService("shop", "checkout", "primary", "checkout", 100, "checkout-canary", 0));

        assertThat(judge(cluster, Map.of("route", "primary")).verified()).isTrue();
        assertThat(judge(cluster, Map.of("route", "secondary")).detail())
                .isEqualTo("VirtualService shop/checkout routes nothing to the stable or canary Service");
    }

    @Test
    void subsetsDistinguishStableFromCanaryWhenConfigured() {
        FakeCluster cluster = new FakeCluster()
                .with(new GenericKubernetesResourceBuilder()
                        .withApiVersion("networking.istio.io/v1")
                        .withKind("VirtualService")
                        .withNewMetadata()
                        .withNamespace("shop")
                        .withName("checkout")
                        .endMetadata()
                        .withAdditionalProperties(Map.of(
                                "spec",
                                Map.of(
                                        "http",
                                        List.of(Map.of(
                                                "route",
                                                List.of(
                                                        Map.of(
                                                                "destination",
                                                                Map.of("host", "checkout", "subset", "stable"),
                                                                "weight",
                                                                70),
                                                        Map.of(
                                                                "destination",
                                                                Map.of("host", "checkout", "subset", "canary"),
                                                                "weight",
                                                                30)))))))
                        .build());

        Finding finding = judge(cluster, Map.of("stableSubset", "stable", "canarySubset", "canary"));

        assertThat(finding.verified()).isFalse();
        assertThat(finding.detail()).contains("70% stable, 30% canary");
    }

    @Test
    void aMissingVirtualServiceIsAFinding() {
        assertThat(judge(new FakeCluster(), Map.of()).detail()).isEqualTo("VirtualService shop/checkout not found");
    }

    @Test
    void aVirtualServiceThatRoutesElsewhereIsNotRestored() {
        FakeCluster cluster = new FakeCluster().with(virtualService("shop", "checkout", "primary", "maintenance", 100));

        assertThat(judge(cluster, Map.of()).detail()).contains("routes nothing to the stable or canary Service");
    }

    @Test
    void aHostOfTheCanarysNameInAnotherNamespaceIsAnotherService() {
        FakeCluster cluster = new FakeCluster()
                .with(virtualService(
                        "shop",
                        "checkout",
                        "primary",
                        "checkout",
                        90,
                        "checkout-canary.payments.svc.cluster.local",
                        10));

        Finding finding = judge(cluster, Map.of());

        assertThat(finding.verified()).isFalse();
        assertThat(finding.detail()).contains("10% to checkout-canary.payments.svc.cluster.local");
    }
}
