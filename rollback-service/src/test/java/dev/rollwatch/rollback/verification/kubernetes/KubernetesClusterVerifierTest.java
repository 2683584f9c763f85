package dev.rollwatch.rollback.verification.kubernetes;

import static dev.rollwatch.rollback.testing.ClusterObjects.deployment;
import static dev.rollwatch.rollback.testing.ClusterObjects.ingress;
import static dev.rollwatch.rollback.testing.ClusterObjects.labels;
import static dev.rollwatch.rollback.testing.ClusterObjects.marked;
import static dev.rollwatch.rollback.testing.ClusterObjects.nginxCanary;
import static dev.rollwatch.rollback.testing.ClusterObjects.service;
import static dev.rollwatch.rollback.testing.ClusterObjects.track;
import static dev.rollwatch.rollback.testing.ClusterObjects.virtualService;
import static dev.rollwatch.rollback.traffic.Targets.NEW_IMAGE;
import static dev.rollwatch.rollback.traffic.Targets.STABLE_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.cluster.routing.RouterKind;
import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routings;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.rollback.domain.Claim;
import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.testing.FakeCluster;
import dev.rollwatch.rollback.traffic.Targets;
import dev.rollwatch.rollback.traffic.TrafficChecks;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KubernetesClusterVerifierTest {

    private final TrafficChecks checks = new TrafficChecks(Routings.standard(), RouterVersions.defaults());

    @Test
    void aRestoreIsVerifiedWhenTheStableDeploymentIsReadyAndTakesAllTraffic() {
        FakeCluster cluster = new FakeCluster()
                .with(service("shop", "checkout", labels("app", "checkout")))
                .with(deployment("shop", "checkout", STABLE_IMAGE, labels("app", "checkout", "track", "stable"), 4, 4))
                .with(deployment(
                        "shop", "checkout-canary", NEW_IMAGE, labels("app", "checkout", "track", "canary"), 0, 0));

        Finding finding =
                new KubernetesClusterVerifier(cluster, checks).verify(Targets.canary(TrafficRouter.Type.REPLICA_RATIO));

        assertThat(finding.verified()).isTrue();
        assertThat(finding.detail())
                .isEqualTo("checkout:1.4.1 ready (4/4) and receiving 100% of traffic "
                        + "(Service checkout selects only checkout's pods)");
    }

    @Test
    void theTrafficIsNotJudgedBeforeTheStableDeploymentIsRestored() {
        FakeCluster cluster =
                new FakeCluster().with(deployment("shop", "checkout", STABLE_IMAGE, labels("app", "checkout"), 4, 1));

        assertThat(new KubernetesClusterVerifier(cluster, checks)
                        .verify(Targets.canary(TrafficRouter.Type.ISTIO))
                        .detail())
                .isEqualTo("Deployment shop/checkout: 1/4 replicas ready");
    }

    @Test
    void aRestoreThatIsNotVerifiedNamesTheOtherReleasesItsObjectsAreMarkedFor() {
        FakeCluster cluster = new FakeCluster()
                .with(service("shop", "checkout", labels("app", "checkout")))
                .with(marked(
                        deployment(
                                "shop", "checkout", STABLE_IMAGE, labels("app", "checkout", "track", "stable"), 4, 4),
                        "rel-0"))
                .with(track(
                        deployment(
                                "shop",
                                "checkout-canary",
                                "registry.example.com/shop/checkout:1.4.3",
                                labels("app", "checkout", "track", "canary"),
                                1,
                                1),
                        "checkout",
                        "rel-2"))
                .with(track(
                        deployment("shop", "cart-canary", NEW_IMAGE, labels("app", "cart"), 1, 1), "cart", "rel-9"));

        Finding finding =
                new KubernetesClusterVerifier(cluster, checks).verify(Targets.canary(TrafficRouter.Type.REPLICA_RATIO));

        assertThat(finding.verified()).isFalse();
        assertThat(finding.detail()).contains("still selects Deployment checkout-canary");
        assertThat(finding.claims())
                .containsExactlyInAnyOrder(
                        Claim.marked("rel-0", "Deployment shop/checkout"),
                        Claim.marked("rel-2", "Deployment shop/checkout-canary"));
        // The check and the marks read one set of objects: nothing twice in a pass.
        assertThat(cluster.reads())
                .allSatisfy((object, times) -> assertThat(times).as(object).isEqualTo(1));
    }

    @Test
    void theRoutingObjectsMarkCountsAndTheVerifiedReleasesOwnMarksDoNot() {
        FakeCluster cluster = new FakeCluster()
                .with(marked(deployment("shop", "checkout", STABLE_IMAGE, labels("app", "checkout"), 4, 4), "rel-1"))
                .with(track(
                        deployment("shop", "checkout-canary", NEW_IMAGE, labels("app", "checkout"), 0, 0),
                        "checkout",
                        "rel-1"))
                .with(marked(
                        virtualService("shop", "checkout", "primary", "checkout", 80, "checkout-canary", 20), "rel-2"));

        Finding finding =
                new KubernetesClusterVerifier(cluster, checks).verify(Targets.canary(TrafficRouter.Type.ISTIO));

        assertThat(finding.verified()).isFalse();
        assertThat(finding.claims()).containsExactly(Claim.marked("rel-2", "VirtualService shop/checkout"));
        assertThat(cluster.reads()).containsEntry("VirtualService:shop/checkout", 1);
        assertThat(cluster.reads())
                .allSatisfy((object, times) -> assertThat(times).as(object).isEqualTo(1));
    }

    @Test
    void theCanaryIngressMarkCountsForAnNginxCanary() {
        FakeCluster cluster = new FakeCluster()
                .with(deployment("shop", "checkout", STABLE_IMAGE, labels("app", "checkout"), 4, 4))
                .with(marked(ingress("shop", "checkout-canary", "checkout-canary", nginxCanary(30)), "rel-2"));

        Finding finding =
                new KubernetesClusterVerifier(cluster, checks).verify(Targets.canary(TrafficRouter.Type.NGINX));

        assertThat(finding.verified()).isFalse();
        assertThat(finding.claims()).containsExactly(Claim.marked("rel-2", "Ingress shop/checkout-canary"));
    }

    @Test
    void aVerifiedRestoreIsNotAskedForMarks() {
        FakeCluster cluster = new FakeCluster()
                .with(marked(deployment("shop", "checkout", STABLE_IMAGE, labels("app", "checkout"), 4, 4), "rel-0"));

        Finding finding = new KubernetesClusterVerifier(cluster, checks).verify(Targets.of(Strategy.Type.ROLLING));

        assertThat(finding.verified()).isTrue();
        assertThat(finding.claims()).isEmpty();
    }

    @Test
    void eachCheckReadsTheClusterAfreshSoARestoreThatCompletesLaterIsSeen() {
        FakeCluster cluster =
                new FakeCluster().with(deployment("shop", "checkout", STABLE_IMAGE, labels("app", "checkout"), 4, 1));
        KubernetesClusterVerifier verifier = new KubernetesClusterVerifier(cluster, checks);

        Finding first = verifier.verify(Targets.of(Strategy.Type.ROLLING));
        cluster.with(deployment("shop", "checkout", STABLE_IMAGE, labels("app", "checkout"), 4, 4));
        Finding second = verifier.verify(Targets.of(Strategy.Type.ROLLING));

        assertThat(first.verified()).isFalse();
        assertThat(second.verified()).isTrue();
    }

    @Test
    void anApiErrorIsAFindingNotAnException() {
        FakeCluster forbidden = new FakeCluster() {
            @Override
            public Optional<GenericKubernetesResource> routingObject(RouterKind kind, String namespace, String name) {
                throw new KubernetesClientException(
                        "virtualservices.networking.istio.io \"checkout\" is forbidden", 403, null);
            }
        }.with(deployment("shop", "checkout", STABLE_IMAGE, labels("app", "checkout"), 4, 4));

        Finding finding =
                new KubernetesClusterVerifier(forbidden, checks).verify(Targets.canary(TrafficRouter.Type.ISTIO));

        assertThat(finding.verified()).isFalse();
        assertThat(finding.detail()).startsWith("cluster could not be read: HTTP 403");
    }
}
