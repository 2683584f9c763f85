package dev.rollwatch.executor.it;

import static dev.rollwatch.events.StepCompleted.Action.PAUSE;
import static dev.rollwatch.events.StepCompleted.Action.ROLLBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.Strategy.CanaryStep;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.Weights;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The executor creates canary and preview objects under names a request can choose or collide with;
 * it must never take over an object of that name that another application (or a person) owns, and
 * a rollback must leave every object it touched as it found it.
 */
@QuarkusTest
class ForeignObjectsIT extends ExecutorIT {

    static final ResourceDefinitionContext VIRTUAL_SERVICE = new ResourceDefinitionContext.Builder()
            .withGroup("networking.istio.io")
            .withVersion("v1")
            .withKind("VirtualService")
            .withPlural("virtualservices")
            .withNamespaced(true)
            .build();

    @Test
    void aCanaryServiceNamingAnotherApplicationsServiceIsRefusedAndThatServiceKeepsSelectingItsPods() {
        cluster.app(4);
        Service payments = cluster.service("payments", Map.of("app", "payments"));
        virtualService("payments");
        Object routesBefore = cluster.get(VIRTUAL_SERVICE, "checkout").getAdditionalProperties();

        String id = request(istioCanary("payments").build());

        StepCompleted failed = awaitPhase(id, Phase.FAILED);
        assertThat(failed.outcome()).isEqualTo(StepCompleted.Outcome.FAILED);
        assertThat(failed.message())
                .contains("Service " + cluster.namespace + "/payments already exists and Rollwatch did not create it");
        assertThat(cluster.service("payments").getSpec().getSelector()).isEqualTo(Map.of("app", "payments"));
        assertThat(cluster.service("payments").getMetadata().getAnnotations())
                .isEqualTo(payments.getMetadata().getAnnotations());
        // Refused before the first change: no canary, the routes as they were.
        assertThat(cluster.deployment("checkout-canary")).isNull();
        assertThat(cluster.get(VIRTUAL_SERVICE, "checkout").getAdditionalProperties())
                .isEqualTo(routesBefore);
    }

    @Test
    void anUnmarkedCanaryDeploymentIsRefusedAndLeftUntouched() {
        cluster.app(4);
        Deployment foreign = foreignDeployment("checkout-canary");

        String id = request(release().build());

        StepCompleted failed = awaitPhase(id, Phase.FAILED);
        assertThat(failed.message())
                .contains("Deployment " + cluster.namespace + "/checkout-canary already exists and Rollwatch did not "
                        + "create it");
        assertUntouched(foreign);
        assertThat(cluster.image("checkout")).isEqualTo(Cluster.OLD_IMAGE);
    }

    @Test
    void aRollbackOfAReleaseThatNeverStartedLeavesAnotherApplicationsCanaryNamedDeploymentRunning() {
        cluster.app(4);
        Deployment foreign = foreignDeployment("checkout-canary");
        ReleaseRequested release = release().build();
        rollback(release.releaseId(), RollbackTriggered.Reason.MANUAL_ABORT, 1);
        await().atMost(WAIT)
                .until(() ->
                        "ABORT".equals(database.rollout(release.releaseId()).get("restore_kind")));

        request(release);

        awaitPhase(release.releaseId(), Phase.ABORTED);
        assertUntouched(foreign);
    }

    @Test
    void anUnmarkedNginxCanaryIngressIsRefusedAndLeftUntouched() {
        cluster.app(4);
        Ingress stable = ingress("checkout", Map.of());
        Ingress foreign = ingress("checkout-canary", Map.of("nginx.ingress.kubernetes.io/canary", "true"));

        String id = request(release()
                .steps(CanaryStep.weight(30), CanaryStep.pauseUntilResumed())
                .trafficRouter(new TrafficRouter(TrafficRouter.Type.NGINX, null, null, null, null))
                .build());

        StepCompleted failed = awaitPhase(id, Phase.FAILED);
        assertThat(failed.message())
                .contains("Ingress " + cluster.namespace + "/checkout-canary already exists and Rollwatch did not "
                        + "create it");
        Ingress after = ingress("checkout-canary");
        assertThat(after.getSpec()).isEqualTo(foreign.getSpec());
        assertThat(after.getMetadata().getAnnotations())
                .isEqualTo(foreign.getMetadata().getAnnotations());
        assertThat(ingress("checkout").getSpec()).isEqualTo(stable.getSpec());
        assertThat(cluster.deployment("checkout-canary")).isNull();
    }

    @Test
    void aLaterReleaseAdoptsTheCanaryObjectsAnEarlierReleaseOfTheSameDeploymentCreated() {
        cluster.app(4);
        virtualService("checkout-canary");
        String first = request(istioCanary(null).build());
        awaitStep(first, 1, PAUSE);
        command(first, ReleaseCommand.Command.PROMOTE);
        awaitPhase(first, Phase.COMPLETED);

        String second =
                request(istioCanary(null).image(Cluster.NEW_IMAGE + "-2").build());

        awaitStep(second, 1, PAUSE);
        assertThat(cluster.replicas("checkout-canary")).isEqualTo(2);
        assertThat(cluster.deployment("checkout-canary").getMetadata().getAnnotations())
                .containsEntry("rollwatch.dev/release", second);
        assertThat(cluster.service("checkout-canary").getSpec().getSelector())
                .isEqualTo(Map.of("app", "checkout", "rollwatch.dev/track", "canary"));
    }

    @Test
    void afterAnAbortEveryObjectTheReleaseTouchedIsBackAsItWas() {
        cluster.app(4);
        virtualService("checkout-canary");
        // A canary Service an earlier release of this Deployment left behind, since re-pointed by hand.
        Service canaryService = client.services()
                .inNamespace(cluster.namespace)
                .resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                        .withNewMetadata()
                        .withName("checkout-canary")
                        .addToLabels("app.kubernetes.io/managed-by", "rollwatch")
                        .addToAnnotations("rollwatch.dev/stable-deployment", "checkout")
                        .addToAnnotations("rollwatch.dev/release", "rel-earlier")
                        .endMetadata()
                        .withNewSpec()
                        .withSelector(Map.of("app", "checkout", "rollwatch.dev/track", "canary", "zone", "a"))
                        .addNewPort()
                        .withName("http")
                        .withPort(80)
                        .endPort()
                        .endSpec()
                        .build())
                .create();
        Deployment stableBefore = cluster.deployment("checkout");
        Service serviceBefore = cluster.service("checkout");
        Object routesBefore = cluster.get(VIRTUAL_SERVICE, "checkout").getAdditionalProperties();
        String id = request(istioCanary(null).build());
        awaitStep(id, 1, PAUSE);
        assertThat(cluster.service("checkout-canary").getSpec().getSelector())
                .isEqualTo(Map.of("app", "checkout", "rollwatch.dev/track", "canary"));

        rollback(id, RollbackTriggered.Reason.MANUAL_ABORT, 1);

        StepCompleted aborted = awaitPhase(id, Phase.ABORTED);
        assertThat(aborted.action()).isEqualTo(ROLLBACK);
        assertThat(aborted.weights()).isEqualTo(Weights.ALL_STABLE);
        assertThat(cluster.get(VIRTUAL_SERVICE, "checkout").getAdditionalProperties())
                .isEqualTo(routesBefore);
        assertThat(cluster.service("checkout-canary").getSpec().getSelector())
                .isEqualTo(canaryService.getSpec().getSelector());
        assertThat(cluster.service("checkout").getSpec()).isEqualTo(serviceBefore.getSpec());
        Deployment stableAfter = cluster.deployment("checkout");
        assertThat(stableAfter.getSpec().getTemplate())
                .isEqualTo(stableBefore.getSpec().getTemplate());
        assertThat(stableAfter.getSpec().getReplicas()).isEqualTo(4);
        assertThat(stableAfter.getSpec().getStrategy())
                .isEqualTo(stableBefore.getSpec().getStrategy());
        assertThat(stableAfter.getMetadata().getAnnotations())
                .isEqualTo(stableBefore.getMetadata().getAnnotations());
        assertThat(cluster.replicas("checkout-canary")).isZero();
    }

    // --- shared -----------------------------------------------------------------------------------

    private dev.rollwatch.events.fixtures.ReleaseRequestBuilder istioCanary(String canaryService) {
        return release()
                .steps(CanaryStep.weight(50), CanaryStep.pauseUntilResumed())
                .trafficRouter(new TrafficRouter(TrafficRouter.Type.ISTIO, null, null, canaryService, null));
    }

    private void virtualService(String canaryHost) {
        cluster.create(
                VIRTUAL_SERVICE,
                client.getKubernetesSerialization()
                        .unmarshal("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: checkout
                spec:
                  hosts: [checkout.shop.example.com]
                  http:
                  - route:
                    - destination: {host: checkout}
                      weight: 100
                    - destination: {host: %s}
                      weight: 0
                """.formatted(canaryHost), GenericKubernetesResource.class));
    }

    /** Another application's Deployment that happens to have the canary's name. */
    private Deployment foreignDeployment(String name) {
        return client.apps()
                .deployments()
                .inNamespace(cluster.namespace)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(cluster.namespace)
                        .addToLabels("app", "legacy-canary")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(2)
                        .withNewSelector()
                        .addToMatchLabels("app", "legacy-canary")
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", "legacy-canary")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("app")
                        .withImage("registry.example.com/legacy:7")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
    }

    /** Its spec, labels and annotations as they were (the fake controller only writes its status). */
    private void assertUntouched(Deployment before) {
        Deployment after = cluster.deployment(before.getMetadata().getName());
        assertThat(after.getSpec()).isEqualTo(before.getSpec());
        ObjectMeta meta = after.getMetadata();
        assertThat(meta.getLabels()).isEqualTo(before.getMetadata().getLabels());
        assertThat(meta.getAnnotations()).isEqualTo(before.getMetadata().getAnnotations());
    }

    private Ingress ingress(String name, Map<String, String> annotations) {
        Ingress ingress = client.getKubernetesSerialization()
                .unmarshal("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: %s
                spec:
                  ingressClassName: nginx
                  rules:
                  - host: checkout.shop.example.com
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service: {name: %s, port: {number: 80}}
                """.formatted(name, name.equals("checkout") ? "checkout" : "other-app"), Ingress.class);
        ingress.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
        return client.network()
                .v1()
                .ingresses()
                .inNamespace(cluster.namespace)
                .resource(ingress)
                .create();
    }

    private Ingress ingress(String name) {
        return client.network()
                .v1()
                .ingresses()
                .inNamespace(cluster.namespace)
                .withName(name)
                .get();
    }
}
