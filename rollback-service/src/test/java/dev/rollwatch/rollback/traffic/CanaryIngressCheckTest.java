package dev.rollwatch.rollback.traffic;

import static dev.rollwatch.rollback.testing.ClusterObjects.ingress;
import static dev.rollwatch.rollback.testing.ClusterObjects.nginxCanary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.testing.FakeCluster;
import dev.rollwatch.rollback.traffic.nginx.CanaryIngressCheck;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanaryIngressCheckTest {

    private final CanaryIngressCheck check = new CanaryIngressCheck();

    private Finding judge(FakeCluster cluster, Map<String, String> options) {
        return check.allTrafficToStable(Targets.canary(TrafficRouter.Type.NGINX, options), cluster);
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
        assertThat(finding.detail()).contains("checkout-canary weight 0");
    }

    @Test
    void aCanaryIngressWithWeightIsNotRestored() {
        assertThat(judge(withCanary(nginxCanary(20)), Map.of()).detail()).contains("still has canary-weight 20");
    }

    @Test
    void headerRoutingLeftOnTheCanaryIsNotRestored() {
        Map<String, String> annotations = new HashMap<>(nginxCanary(0));
        annotations.put("nginx.ingress.kubernetes.io/canary-by-header", "X-Canary");

        assertThat(judge(withCanary(annotations), Map.of()).detail()).contains("canary-by-header=X-Canary");
    }

    @Test
    void noCanaryIngressMeansAllToStable() {
        assertThat(judge(new FakeCluster().with(ingress("shop", "checkout", "checkout", Map.of())), Map.of())
                        .verified())
                .isTrue();
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
    void aMissingStableIngressIsAFinding() {
        assertThat(judge(new FakeCluster(), Map.of()).detail()).isEqualTo("stable Ingress shop/checkout not found");
    }
}
