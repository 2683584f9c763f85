package dev.rollwatch.rollback.traffic.weighted;

import static dev.rollwatch.rollback.testing.ClusterObjects.ingress;
import static dev.rollwatch.rollback.testing.ClusterObjects.nginxCanary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routings;
import dev.rollwatch.cluster.routing.nginx.NginxRouting;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.testing.FakeCluster;
import dev.rollwatch.rollback.traffic.Targets;
import dev.rollwatch.rollback.traffic.TrafficChecks;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An NGINX canary's restore, read through the weighted-object check with the contract's reader. */
class CanaryIngressVerificationTest {

    private final TrafficChecks checks = new TrafficChecks(Routings.standard(), RouterVersions.defaults());

    private Finding judge(FakeCluster cluster, Map<String, String> options) {
        RestoreTarget target = Targets.canary(TrafficRouter.Type.NGINX, options);
        return checks.forTarget(target).allTrafficToStable(target, cluster);
    }

    private static FakeCluster withCanary(Map<String, String> annotations) {
        return new FakeCluster()
                .with(ingress("shop", "checkout", "checkout", Map.of()))
                .with(ingress("shop", "checkout-canary", "checkout-canary", annotations));
    }

    @Test
    void aCanaryIngressAtWeightZeroTakesNothing() {
        Finding finding = judge(withCanary(nginxCanary(0)), Map.of());

        assertThat(finding.verified()).isTrue();
        assertThat(finding.detail()).isEqualTo("Ingress shop/checkout-canary sends 100% to stable");
    }

    @Test
    void aCanaryIngressWithWeightIsNotRestored() {
        Finding finding = judge(withCanary(nginxCanary(20)), Map.of());

        assertThat(finding.verified()).isFalse();
        assertThat(finding.detail()).contains("80% stable, 20% canary");
    }

    @Test
    void headerRoutingLeftOnTheCanaryIsNotRestored() {
        Map<String, String> annotations = new HashMap<>(nginxCanary(0));
        annotations.put("nginx.ingress.kubernetes.io/canary-by-header", "X-Canary");

        Finding finding = judge(withCanary(annotations), Map.of());

        assertThat(finding.verified()).isFalse();
        assertThat(finding.detail()).contains("requests by canary-by-header=X-Canary");
    }

    @Test
    void noCanaryIngressMeansNothingRoutesToTheCanary() {
        Finding finding = judge(new FakeCluster().with(ingress("shop", "checkout", "checkout", Map.of())), Map.of());

        assertThat(finding.verified()).isTrue();
        assertThat(finding.detail()).isEqualTo("no Ingress shop/checkout-canary: nothing routes to the canary");
    }

    @Test
    void aCanaryIngressNotMarkedAsACanaryTakesNothing() {
        Finding finding =
                judge(withCanary(Map.of(NginxRouting.CANARY, "false", NginxRouting.CANARY_WEIGHT, "50")), Map.of());

        assertThat(finding.verified()).isTrue();
    }

    @Test
    void theCanaryFlagIsReadAsTheControllerReadsIt() {
        assertThat(judge(withCanary(Map.of(NginxRouting.CANARY, "True", NginxRouting.CANARY_WEIGHT, "10")), Map.of())
                        .verified())
                .isFalse();
        assertThat(judge(withCanary(Map.of(NginxRouting.CANARY, "yes", NginxRouting.CANARY_WEIGHT, "10")), Map.of())
                        .verified())
                .isTrue();
    }

    @Test
    void anUnreadableWeightIsNeverAllStable() {
        Finding finding =
                judge(withCanary(Map.of(NginxRouting.CANARY, "true", NginxRouting.CANARY_WEIGHT, "0.0")), Map.of());

        assertThat(finding.verified()).isFalse();
        assertThat(finding.detail()).contains("canary-weight '0.0' (unreadable)");
    }

    @Test
    void theCanaryIngressNameCanBeConfigured() {
        FakeCluster cluster = new FakeCluster()
                .with(ingress("shop", "checkout", "checkout", Map.of()))
                .with(ingress("shop", "checkout-next", "checkout-canary", nginxCanary(5)));

        assertThat(judge(cluster, Map.of("canaryIngress", "checkout-next")).verified())
                .isFalse();
    }

    @Test
    void theStableIngressIsNotRequired() {
        FakeCluster onlyCanary =
                new FakeCluster().with(ingress("shop", "checkout-canary", "checkout-canary", nginxCanary(0)));

        assertThat(judge(onlyCanary, Map.of()).verified()).isTrue();
    }
}
