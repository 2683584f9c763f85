package dev.rollwatch.kubernetes.strict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each refusal of the strict API server, seen on a broken object, and what it still lets through. */
class StrictCrudDispatcherTest {

    private static final String NS = "shop";
    private static final List<CustomResourceDefinitionContext> CUSTOM = List.of(
            crd("networking.istio.io", "v1", "virtualservices", "VirtualService"),
            crd("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute"),
            crd("split.smi-spec.io", "v1alpha2", "trafficsplits", "TrafficSplit"));

    private static KubernetesMockServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), StrictCrudDispatcher.withSchemas(CUSTOM), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.destroy();
    }

    private static CustomResourceDefinitionContext crd(String group, String version, String plural, String kind) {
        return new CustomResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withPlural(plural)
                .withKind(kind)
                .withScope("Namespaced")
                .build();
    }

    private static Deployment deployment(String name) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("shop/" + name + ":1.0")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Status refusal(ThrowingCallable write, int code) {
        Throwable thrown = catchThrowable(write);
        assertThat(thrown).as("the write is refused").isInstanceOf(KubernetesClientException.class);
        KubernetesClientException refused = (KubernetesClientException) thrown;
        assertThat(refused.getCode()).isEqualTo(code);
        return refused.getStatus();
    }

    private static GenericKubernetesResource yaml(String text) {
        return Serialization.unmarshal(text, GenericKubernetesResource.class);
    }

    private static ResourceDefinitionContext context(String group, String version, String plural, String kind) {
        return crd(group, version, plural, kind);
    }

    @Test
    void aValidDeploymentIsStored() {
        client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(deployment("valid"))
                .create();

        assertThat(client.apps().deployments().inNamespace(NS).withName("valid").get())
                .isNotNull();
    }

    @Test
    void aDeploymentWithoutSelectorIsRefusedAsInvalidAndNotStored() {
        Deployment broken = deployment("no-selector");
        broken.getSpec().setSelector(null);

        Status status = refusal(
                () -> client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .resource(broken)
                        .create(),
                422);

        assertThat(status.getReason()).isEqualTo("Invalid");
        assertThat(status.getMessage())
                .isEqualTo("Deployment.apps \"no-selector\" is invalid: spec.selector: Required value");
        assertThat(status.getDetails().getCauses()).singleElement().satisfies(cause -> {
            assertThat(cause.getField()).isEqualTo("spec.selector");
            assertThat(cause.getReason()).isEqualTo("FieldValueRequired");
        });
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .withName("no-selector")
                        .get())
                .isNull();
    }

    @Test
    void aContainerWithoutNameIsRefusedWithTheFieldsPath() {
        Deployment broken = deployment("nameless");
        broken.getSpec().getTemplate().getSpec().getContainers().get(0).setName(null);

        Status status = refusal(
                () -> client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .resource(broken)
                        .create(),
                422);

        assertThat(status.getDetails().getCauses())
                .extracting(c -> c.getField())
                .containsExactly("spec.template.spec.containers[0].name");
    }

    @Test
    void aDeploymentWhoseSelectorMissesItsTemplatesLabelsIsRefused() {
        Deployment broken = deployment("canary");
        broken.getSpec().getSelector().getMatchLabels().put("track", "canary");

        Status status = refusal(
                () -> client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .resource(broken)
                        .create(),
                422);

        assertThat(status.getDetails().getCauses()).singleElement().satisfies(cause -> {
            assertThat(cause.getField()).isEqualTo("spec.template.metadata.labels");
            assertThat(cause.getMessage()).contains("`selector` does not match template `labels`");
        });
    }

    @Test
    void aDeploymentWithAnEmptySelectorIsRefused() {
        Deployment broken = deployment("everything");
        broken.getSpec().getSelector().setMatchLabels(null);

        Status status = refusal(
                () -> client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .resource(broken)
                        .create(),
                422);

        assertThat(status.getMessage()).contains("empty selector is invalid for deployment");
    }

    @Test
    void anUnknownFieldIsRefusedAsStrictFieldValidationRefusesIt() {
        GenericKubernetesResource broken = yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: misspelt, namespace: shop}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: 8080}]
                  sessionAfinity: None
                """);

        Status status = refusal(() -> client.resource(broken).create(), 400);

        assertThat(status.getReason()).isEqualTo("BadRequest");
        assertThat(status.getMessage()).contains("unknown field \"spec.sessionAfinity\"");
    }

    @Test
    void changingADeploymentsSelectorIsRefusedAsImmutable() {
        Deployment created = client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(deployment("moving"))
                .create();
        created.getSpec().getSelector().getMatchLabels().put("track", "canary");
        created.getSpec().getTemplate().getMetadata().getLabels().put("track", "canary");

        Status status = refusal(
                () -> client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .resource(created)
                        .update(),
                422);

        assertThat(status.getMessage()).contains("spec.selector").contains("field is immutable");
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .withName("moving")
                        .get()
                        .getSpec()
                        .getSelector()
                        .getMatchLabels())
                .containsOnlyKeys("app");
    }

    @Test
    void changingTheSelectorByPatchIsRefusedToo() {
        client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(deployment("patched"))
                .create();

        Status status = refusal(
                () -> client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .withName("patched")
                        .patch(
                                PatchContext.of(PatchType.JSON_MERGE),
                                "{\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"other\"}}}}"),
                422);

        assertThat(status.getMessage()).contains("field is immutable");
    }

    @Test
    void aPatchThatBreaksTheSchemaIsRefused() {
        client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(deployment("scaled"))
                .create();

        Status status = refusal(
                () -> client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .withName("scaled")
                        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":\"two\"}}"),
                422);

        assertThat(status.getDetails().getCauses())
                .extracting(c -> c.getField())
                .contains("spec.replicas");
    }

    @Test
    void aStaleResourceVersionIsAConflict() {
        Deployment first = client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(deployment("raced"))
                .create();
        Deployment stale =
                client.apps().deployments().inNamespace(NS).withName("raced").get();
        first.getSpec().setReplicas(3);
        client.apps().deployments().inNamespace(NS).resource(first).update();
        stale.getSpec().setReplicas(4);

        Status status = refusal(
                () -> client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .resource(stale)
                        .update(),
                409);

        assertThat(status.getReason()).isEqualTo("Conflict");
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .withName("raced")
                        .get()
                        .getSpec()
                        .getReplicas())
                .isEqualTo(3);
    }

    @Test
    void changingAServicesClusterIpIsRefusedButLeavingItOutKeepsIt() {
        Service service = new ServiceBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withClusterIP("10.0.0.12")
                .addToSelector("app", "web")
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build();
        Service created = client.services().inNamespace(NS).resource(service).create();
        created.getSpec().setClusterIP("10.0.0.13");

        Status status = refusal(
                () -> client.services().inNamespace(NS).resource(created).update(), 422);

        assertThat(status.getMessage()).contains("spec.clusterIP").contains("field is immutable");
    }

    @Test
    void anIstioRouteWeightThatIsNotAnIntegerIsRefusedByIstiosSchema() {
        GenericKubernetesResource broken = yaml("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: web, namespace: shop}
                spec:
                  hosts: [web]
                  http:
                  - route:
                    - {destination: {host: web}, weight: "90"}
                    - {destination: {host: web-canary}, weight: 10}
                """);

        Status status = refusal(
                () -> client.genericKubernetesResources(
                                context("networking.istio.io", "v1", "virtualservices", "VirtualService"))
                        .inNamespace(NS)
                        .resource(broken)
                        .create(),
                422);

        assertThat(status.getDetails().getCauses())
                .extracting(c -> c.getField())
                .containsExactly("spec.http[0].route[0].weight");
    }

    @Test
    void aGatewayApiBackendWithANegativeWeightIsRefusedByItsSchema() {
        GenericKubernetesResource broken = yaml("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web, namespace: shop}
                spec:
                  parentRefs: [{name: gateway}]
                  rules:
                  - backendRefs:
                    - {name: web, port: 80, weight: -1}
                """);

        Status status = refusal(
                () -> client.genericKubernetesResources(
                                context("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute"))
                        .inNamespace(NS)
                        .resource(broken)
                        .create(),
                422);

        assertThat(status.getDetails().getCauses())
                .extracting(c -> c.getField())
                .contains("spec.rules[0].backendRefs[0].weight");
    }

    @Test
    void anSmiTrafficSplitWithoutWeightsIsRefusedByTheSpecificationsStructure() {
        GenericKubernetesResource broken = yaml("""
                apiVersion: split.smi-spec.io/v1alpha2
                kind: TrafficSplit
                metadata: {name: web, namespace: shop}
                spec:
                  service: web
                  backends:
                  - {service: web-stable}
                """);

        Status status = refusal(
                () -> client.genericKubernetesResources(
                                context("split.smi-spec.io", "v1alpha2", "trafficsplits", "TrafficSplit"))
                        .inNamespace(NS)
                        .resource(broken)
                        .create(),
                422);

        assertThat(status.getDetails().getCauses())
                .extracting(c -> c.getField())
                .containsExactly("spec.backends[0].weight");
    }

    @Test
    void aKindWithoutSchemaIsStoredAsBefore() {
        GenericKubernetesResource endpoints = yaml("""
                apiVersion: v1
                kind: Endpoints
                metadata: {name: web, namespace: shop}
                subsets: []
                """);

        client.resource(endpoints).create();

        assertThat(client.endpoints().inNamespace(NS).withName("web").get()).isNotNull();
    }
}
