package dev.rollwatch.executor.it;

import static dev.rollwatch.events.StepCompleted.Action.PAUSE;
import static dev.rollwatch.events.StepCompleted.Action.PROMOTE;
import static dev.rollwatch.events.StepCompleted.Action.RESUME;
import static dev.rollwatch.events.StepCompleted.Action.ROLLBACK;
import static dev.rollwatch.events.StepCompleted.Action.SET_WEIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.cluster.routing.RouterKind;
import dev.rollwatch.cluster.routing.Unstructured;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.Strategy.CanaryStep;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.Weights;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every traffic router, on the objects it owns: the weights after each step, promotion (all traffic
 * back on the stable Deployment, which now runs the new version) and a rollback that leaves the
 * routing exactly as the release found it.
 */
@QuarkusTest
class TrafficRoutersIT extends ExecutorIT {

    static final ResourceDefinitionContext VIRTUAL_SERVICE =
            definition("networking.istio.io/v1", "VirtualService", "virtualservices");
    static final ResourceDefinitionContext HTTP_ROUTE =
            definition("gateway.networking.k8s.io/v1", "HTTPRoute", "httproutes");
    static final ResourceDefinitionContext TRAFFIC_SPLIT =
            definition("split.smi-spec.io/v1alpha2", "TrafficSplit", "trafficsplits");

    // --- Istio --------------------------------------------------------------------------------

    private void virtualService() {
        cluster.create(VIRTUAL_SERVICE, yaml("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: checkout
                spec:
                  hosts: [checkout.shop.example.com]
                  gateways: [shop-gateway]
                  http:
                  - name: health
                    match: [{uri: {exact: /healthz}}]
                    route:
                    - destination: {host: checkout}
                  - name: primary
                    match: [{uri: {prefix: /}}]
                    retries: {attempts: 3}
                    route:
                    - destination: {host: checkout.%s.svc.cluster.local, port: {number: 80}}
                      weight: 100
                    - destination: {host: checkout-canary, port: {number: 80}}
                      weight: 0
                """.formatted(cluster.namespace)));
    }

    private Weights istioWeights() {
        Map<String, Object> primary = Unstructured.list(spec(cluster.get(VIRTUAL_SERVICE, "checkout")), "http")
                .get(1);
        List<Map<String, Object>> route = Unstructured.list(primary, "route");
        return new Weights(weight(route.get(1)), weight(route.get(0)));
    }

    @Test
    void istioShiftsVirtualServiceRouteWeightsAndPromotes() {
        cluster.app(4);
        virtualService();
        String id =
                requestWith(new TrafficRouter(TrafficRouter.Type.ISTIO, null, null, null, Map.of("route", "primary")));

        awaitStep(id, 1, PAUSE);
        assertThat(istioWeights()).isEqualTo(new Weights(20, 80));
        // Marked as the release's, so the rollback-service can tell it from an older release's remains.
        assertThat(cluster.get(VIRTUAL_SERVICE, "checkout").getMetadata().getAnnotations())
                .containsEntry("rollwatch.dev/release", id);
        assertThat(cluster.replicas("checkout-canary")).isEqualTo(1);
        assertThat(cluster.replicas("checkout")).isEqualTo(4);
        assertThat(cluster.service("checkout-canary").getSpec().getSelector())
                .isEqualTo(Map.of("app", "checkout", "rollwatch.dev/track", "canary"));
        // The route the release does not own is untouched.
        assertThat(Unstructured.list(spec(cluster.get(VIRTUAL_SERVICE, "checkout")), "http")
                        .get(0)
                        .get("route"))
                .isEqualTo(List.of(Map.of("destination", Map.of("host", "checkout"))));

        command(id, ReleaseCommand.Command.RESUME);
        awaitStep(id, 3, PAUSE);
        assertThat(istioWeights()).isEqualTo(new Weights(60, 40));
        assertThat(cluster.replicas("checkout-canary")).isEqualTo(3);

        assertPromotes(id);
        assertThat(istioWeights()).isEqualTo(Weights.ALL_STABLE);
    }

    @Test
    void istioRollbackRestoresTheVirtualServiceExactly() {
        cluster.app(4);
        virtualService();
        Object before = spec(cluster.get(VIRTUAL_SERVICE, "checkout"));

        String id = rolledBackMidRelease(new TrafficRouter(TrafficRouter.Type.ISTIO, null, null, null, null));

        assertThat(spec(cluster.get(VIRTUAL_SERVICE, "checkout"))).isEqualTo(before);
        assertThat(steps(id).get(0).weights()).isEqualTo(new Weights(30, 70));
    }

    @Test
    void istioWithoutTheVirtualServiceFailsBeforeChangingAnything() {
        cluster.app(4);

        String id = requestWith(new TrafficRouter(TrafficRouter.Type.ISTIO, null, null, null, null));

        StepCompleted failed = awaitPhase(id, Phase.FAILED);
        assertThat(failed.outcome()).isEqualTo(StepCompleted.Outcome.FAILED);
        assertThat(failed.message()).contains("VirtualService " + cluster.namespace + "/checkout not found");
        assertThat(cluster.deployment("checkout-canary")).isNull();
    }

    // --- Gateway API ----------------------------------------------------------------------------

    private void httpRoute() {
        cluster.create(HTTP_ROUTE, yaml("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: checkout-route
                spec:
                  parentRefs: [{name: shop-gateway}]
                  hostnames: [checkout.shop.example.com]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /}}]
                    backendRefs:
                    - {name: checkout, port: 80, weight: 100}
                    - {name: checkout-canary, port: 80, weight: 0}
                """));
    }

    private Weights gatewayWeights() {
        Map<String, Object> rule = Unstructured.list(spec(cluster.get(HTTP_ROUTE, "checkout-route")), "rules")
                .get(0);
        List<Map<String, Object>> refs = Unstructured.list(rule, "backendRefs");
        return new Weights(weight(refs.get(1)), weight(refs.get(0)));
    }

    @Test
    void gatewayApiShiftsHttpRouteBackendWeightsAndPromotes() {
        cluster.app(4);
        httpRoute();
        String id = requestWith(new TrafficRouter(TrafficRouter.Type.GATEWAY_API, "checkout-route", null, null, null));

        awaitStep(id, 1, PAUSE);
        assertThat(gatewayWeights()).isEqualTo(new Weights(20, 80));
        assertThat(cluster.replicas("checkout-canary")).isEqualTo(1);

        command(id, ReleaseCommand.Command.RESUME);
        awaitStep(id, 3, PAUSE);
        assertThat(gatewayWeights()).isEqualTo(new Weights(60, 40));

        assertPromotes(id);
        assertThat(gatewayWeights()).isEqualTo(Weights.ALL_STABLE);
    }

    @Test
    void gatewayApiRollbackRestoresTheHttpRouteExactly() {
        cluster.app(4);
        httpRoute();
        Object before = spec(cluster.get(HTTP_ROUTE, "checkout-route"));

        rolledBackMidRelease(new TrafficRouter(TrafficRouter.Type.GATEWAY_API, "checkout-route", null, null, null));

        assertThat(spec(cluster.get(HTTP_ROUTE, "checkout-route"))).isEqualTo(before);
    }

    // --- NGINX ----------------------------------------------------------------------------------

    private void ingress() {
        client.network()
                .v1()
                .ingresses()
                .inNamespace(cluster.namespace)
                .resource(client.getKubernetesSerialization().unmarshal("""
                        apiVersion: networking.k8s.io/v1
                        kind: Ingress
                        metadata:
                          name: checkout
                          annotations:
                            nginx.ingress.kubernetes.io/proxy-body-size: 8m
                        spec:
                          ingressClassName: nginx
                          rules:
                          - host: checkout.shop.example.com
                            http:
                              paths:
                              - path: /
                                pathType: Prefix
                                backend:
                                  service: {name: checkout, port: {number: 80}}
                        """, Ingress.class))
                .create();
    }

    private Ingress canaryIngress() {
        return client.network()
                .v1()
                .ingresses()
                .inNamespace(cluster.namespace)
                .withName("checkout-canary")
                .get();
    }

    @Test
    void nginxWeighsACanaryIngressBesideTheStableOneAndPromotes() {
        cluster.app(4);
        ingress();
        Ingress stableBefore = client.network()
                .v1()
                .ingresses()
                .inNamespace(cluster.namespace)
                .withName("checkout")
                .get();
        String id = requestWith(new TrafficRouter(TrafficRouter.Type.NGINX, null, null, null, null));

        awaitStep(id, 1, PAUSE);
        Ingress canary = canaryIngress();
        assertThat(canary.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/canary", "true")
                .containsEntry("nginx.ingress.kubernetes.io/canary-weight", "20")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "8m")
                .containsEntry("rollwatch.dev/release", id);
        assertThat(canary.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(canary.getSpec().getRules().get(0).getHost()).isEqualTo("checkout.shop.example.com");
        assertThat(canary.getSpec()
                        .getRules()
                        .get(0)
                        .getHttp()
                        .getPaths()
                        .get(0)
                        .getBackend()
                        .getService()
                        .getName())
                .isEqualTo("checkout-canary");

        command(id, ReleaseCommand.Command.RESUME);
        awaitStep(id, 3, PAUSE);
        assertThat(canaryIngress().getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/canary-weight", "60");

        assertPromotes(id);
        assertThat(canaryIngress().getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/canary-weight", "0");
        assertThat(client.network()
                        .v1()
                        .ingresses()
                        .inNamespace(cluster.namespace)
                        .withName("checkout")
                        .get()
                        .getSpec())
                .isEqualTo(stableBefore.getSpec());
    }

    @Test
    void nginxRollbackSendsNoTrafficToTheCanaryIngress() {
        cluster.app(4);
        ingress();

        rolledBackMidRelease(new TrafficRouter(TrafficRouter.Type.NGINX, null, null, null, null));

        assertThat(canaryIngress().getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/canary-weight", "0");
    }

    // --- SMI ------------------------------------------------------------------------------------

    private Map<String, Integer> smiBackends() {
        Map<String, Object> spec = spec(cluster.get(TRAFFIC_SPLIT, "checkout"));
        assertThat(spec.get("service")).isEqualTo("checkout");
        return Map.of("checkout", weightOf(spec, "checkout"), "checkout-canary", weightOf(spec, "checkout-canary"));
    }

    private static int weightOf(Map<String, Object> spec, String service) {
        return Unstructured.list(spec, "backends").stream()
                .filter(b -> service.equals(b.get("service")))
                .mapToInt(TrafficRoutersIT::weight)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void smiCreatesAndWeighsATrafficSplitAndPromotes() {
        cluster.app(4);
        String id = requestWith(new TrafficRouter(TrafficRouter.Type.SMI, null, null, null, null));

        awaitStep(id, 1, PAUSE);
        assertThat(smiBackends()).isEqualTo(Map.of("checkout", 80, "checkout-canary", 20));

        command(id, ReleaseCommand.Command.RESUME);
        awaitStep(id, 3, PAUSE);
        assertThat(smiBackends()).isEqualTo(Map.of("checkout", 40, "checkout-canary", 60));

        assertPromotes(id);
        assertThat(smiBackends()).isEqualTo(Map.of("checkout", 100, "checkout-canary", 0));
    }

    @Test
    void smiRollbackRestoresTheTrafficSplitTheReleaseFound() {
        cluster.app(4);
        cluster.create(TRAFFIC_SPLIT, yaml("""
                apiVersion: split.smi-spec.io/v1alpha2
                kind: TrafficSplit
                metadata:
                  name: checkout
                spec:
                  service: checkout
                  backends:
                  - {service: checkout, weight: 100}
                  - {service: checkout-canary, weight: 0}
                """));
        Object before = spec(cluster.get(TRAFFIC_SPLIT, "checkout"));

        rolledBackMidRelease(new TrafficRouter(TrafficRouter.Type.SMI, null, null, null, null));

        assertThat(spec(cluster.get(TRAFFIC_SPLIT, "checkout"))).isEqualTo(before);
    }

    // --- shared -----------------------------------------------------------------------------------

    private String requestWith(TrafficRouter router) {
        return request(release()
                .steps(
                        CanaryStep.weight(20),
                        CanaryStep.pauseUntilResumed(),
                        CanaryStep.weight(60),
                        CanaryStep.pauseUntilResumed())
                .trafficRouter(router)
                .build());
    }

    /** Promotes from the second pause: the stable Deployment runs the new image, the canary none. */
    private void assertPromotes(String id) {
        command(id, ReleaseCommand.Command.PROMOTE);
        StepCompleted promoted = awaitPhase(id, Phase.COMPLETED);
        assertThat(promoted.action()).isEqualTo(PROMOTE);
        assertThat(promoted.weights()).isEqualTo(Weights.ALL_STABLE);
        assertThat(cluster.image("checkout")).isEqualTo(Cluster.NEW_IMAGE);
        assertThat(cluster.replicas("checkout")).isEqualTo(4);
        assertThat(cluster.replicas("checkout-canary")).isZero();
        assertThat(actions(id)).containsExactly(SET_WEIGHT, PAUSE, RESUME, SET_WEIGHT, PAUSE, RESUME, PROMOTE);
        assertNoDuplicates(id);
    }

    private String rolledBackMidRelease(TrafficRouter router) {
        cluster.deployment("checkout");
        var before = cluster.deployment("checkout").getSpec().getTemplate();
        String id = request(release()
                .steps(CanaryStep.weight(30), CanaryStep.pauseUntilResumed())
                .trafficRouter(router)
                .build());
        awaitStep(id, 1, PAUSE);

        rollback(id, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);

        StepCompleted rolledBack = awaitPhase(id, Phase.ROLLED_BACK);
        assertThat(rolledBack.action()).isEqualTo(ROLLBACK);
        assertThat(rolledBack.weights()).isEqualTo(Weights.ALL_STABLE);
        assertThat(cluster.replicas("checkout-canary")).isZero();
        assertThat(cluster.deployment("checkout").getSpec().getTemplate()).isEqualTo(before);
        return id;
    }

    private GenericKubernetesResource yaml(String text) {
        return client.getKubernetesSerialization().unmarshal(text, GenericKubernetesResource.class);
    }

    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return Unstructured.map(resource.getAdditionalProperties(), "spec");
    }

    private static int weight(Map<String, Object> entry) {
        Double weight = Unstructured.weight(entry, "weight");
        return weight == null ? 0 : weight.intValue();
    }

    private static ResourceDefinitionContext definition(String apiVersion, String kind, String plural) {
        RouterKind routerKind = new RouterKind(apiVersion, kind, plural);
        return new ResourceDefinitionContext.Builder()
                .withGroup(routerKind.group())
                .withVersion(routerKind.version())
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }
}
