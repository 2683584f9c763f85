package dev.rollwatch.cluster.routing.nginx;

import static dev.rollwatch.cluster.routing.Objects.json;
import static dev.rollwatch.cluster.routing.Objects.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.cluster.Marks;
import dev.rollwatch.cluster.routing.Route;
import dev.rollwatch.cluster.routing.RouteWeights;
import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.RoutingException;
import dev.rollwatch.cluster.routing.RoutingObject;
import dev.rollwatch.cluster.routing.WeightedObject;
import dev.rollwatch.events.TrafficRouter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NginxRoutingTest {

    private static final Route ROUTE = route(TrafficRouter.Type.NGINX);
    private final WeightedObject canaryIngress =
            new NginxRouting().weightedObject(ROUTE, RouterVersions.defaults()).orElseThrow();

    private static final RoutingObject STABLE = new RoutingObject(
            Map.of(
                    "kubectl.kubernetes.io/last-applied-configuration", "{...}",
                    "nginx.ingress.kubernetes.io/rewrite-target", "/",
                    "nginx.ingress.kubernetes.io/canary-by-header", "X-Beta"),
            json("""
                    {'rules': [{'host': 'shop.example', 'http': {'paths': [
                      {'path': '/', 'pathType': 'Prefix', 'backend': {'service': {'name': 'checkout', 'port': {'number': 80}}}},
                      {'path': '/img', 'pathType': 'Prefix', 'backend': {'service': {'name': 'images', 'port': {'number': 80}}}}]}}]}
                    """));

    @Test
    void isACanaryIngressBesideTheStableOneThatTheExecutorCreates() {
        assertThat(canaryIngress.describe(ROUTE)).isEqualTo("Ingress shop/checkout-canary");
        assertThat(canaryIngress.created()).isTrue();
        assertThat(new NginxRouting()
                        .weightedObject(
                                route(TrafficRouter.Type.NGINX, Map.of("canaryIngress", "beta")),
                                RouterVersions.defaults())
                        .orElseThrow()
                        .name())
                .isEqualTo("beta");
    }

    @Test
    void mirrorsTheStableIngressOntoTheCanaryServiceWithoutRequestRoutingOrKubectlsRecord() {
        RoutingObject canary = NginxRouting.mirror(STABLE, ROUTE, "rel-1");

        assertThat(canary.spec().toString()).contains("name=checkout-canary").contains("name=images");
        assertThat(canary.annotations())
                .containsEntry("nginx.ingress.kubernetes.io/rewrite-target", "/")
                .containsEntry(Marks.RELEASE, "rel-1")
                .doesNotContainKeys(
                        "kubectl.kubernetes.io/last-applied-configuration",
                        "nginx.ingress.kubernetes.io/canary-by-header");
        assertThat(STABLE.spec().toString()).doesNotContain("checkout-canary");
    }

    @Test
    void weighsTheCanaryByItsAnnotationAndReadsItBack() {
        RoutingObject canary = NginxRouting.mirror(STABLE, ROUTE, "rel-1");

        assertThat(canaryIngress.writer().write(canary, ROUTE, 25)).isTrue();
        assertThat(canaryIngress.writer().write(canary, ROUTE, 25)).isFalse();

        RouteWeights weights = canaryIngress.reader().read(canary, ROUTE).get(0);
        assertThat(weights.canaryPercent()).isEqualTo(25);
        assertThat(canary.annotations()).containsEntry(NginxRouting.CANARY, "true");
    }

    @Test
    void readsTheCanaryFlagAsTheControllerDoes() {
        assertThat(read(Map.of(NginxRouting.CANARY, "True", NginxRouting.CANARY_WEIGHT, "10"))
                        .canaryPercent())
                .isEqualTo(10);
        assertThat(read(Map.of(NginxRouting.CANARY, "yes", NginxRouting.CANARY_WEIGHT, "10"))
                        .allToStable())
                .isTrue();
    }

    @Test
    void anUnreadableWeightOrRoutingByRequestIsNeverAllStable() {
        RouteWeights unreadable = read(Map.of(NginxRouting.CANARY, "true", NginxRouting.CANARY_WEIGHT, "10.5"));
        RouteWeights byHeader = read(Map.of(
                NginxRouting.CANARY,
                "true",
                NginxRouting.CANARY_WEIGHT,
                "0",
                "nginx.ingress.kubernetes.io/canary-by-cookie",
                "beta"));

        assertThat(unreadable.allToStable()).isFalse();
        assertThat(unreadable.describe()).contains("canary-weight '10.5' (unreadable)");
        assertThat(byHeader.allToStable()).isFalse();
        assertThat(byHeader.describe()).contains("requests by canary-by-cookie=beta");
    }

    @Test
    void refusesAStableIngressWithNoBackendOnTheStableService() {
        RoutingObject other = new RoutingObject(
                null, json("{'defaultBackend': {'service': {'name': 'images', 'port': {'number': 80}}}}"));

        assertThatThrownBy(() -> NginxRouting.mirror(other, ROUTE, "rel-1"))
                .isInstanceOf(RoutingException.class)
                .hasMessage("Ingress shop/checkout has no backend on Service checkout to mirror for the canary");
    }

    private RouteWeights read(Map<String, String> annotations) {
        return canaryIngress
                .reader()
                .read(new RoutingObject(annotations, null), ROUTE)
                .get(0);
    }
}
