package dev.rollwatch.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedClusterIT {

    private static final Duration READINESS_DELAY = Duration.ofMillis(400);
    private static final Duration AT_MOST = Duration.ofSeconds(15);
    /** Held so the level sticks: the mock server logs every request otherwise. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private SimulatedCluster cluster;
    private KubernetesClient client;

    @BeforeAll
    static void quietTheMockServer() {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    @BeforeEach
    void start() {
        cluster = SimulatedCluster.start(0, READINESS_DELAY, SimulatedCluster.Schemas.REQUIRED);
        client = cluster.client();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void theApiServerRefusesWhatARealOneRefuses() {
        Deployment withoutSelector = new DeploymentBuilder()
                .withNewMetadata()
                .withName("shop")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("shop")
                .withImage("demo.local/shop:1.0")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();

        assertThatThrownBy(() -> client.apps()
                        .deployments()
                        .inNamespace("shop")
                        .resource(withoutSelector)
                        .create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage()).contains("spec.selector: Required value");
                });
        assertThat(client.apps()
                        .deployments()
                        .inNamespace("shop")
                        .withName("shop")
                        .get())
                .isNull();
    }

    @Test
    void aDeploymentsPodsCarryItsTemplateAreOwnedByItsReplicaSetAndRunOnceReady() {
        Deployment deployment = deploy("shop", 3, "demo.local/shop:1.0");

        Awaitility.await()
                .atMost(AT_MOST)
                .untilAsserted(() -> assertThat(pods("shop"))
                        .hasSize(3)
                        .allSatisfy(pod -> assertThat(ready(pod)).isTrue()));
        String replicaSet = SimulatedCluster.replicaSetName(deployment);
        assertThat(pods("shop")).allSatisfy(pod -> {
            assertThat(pod.getMetadata().getName()).startsWith(replicaSet + "-");
            assertThat(pod.getMetadata().getLabels())
                    .containsEntry("app", "shop")
                    .containsEntry("pod-template-hash", replicaSet.substring("shop-".length()));
            assertThat(pod.getMetadata().getAnnotations()).containsEntry("prometheus.io/port", "8080");
            assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind()).isEqualTo("ReplicaSet");
                assertThat(owner.getName()).isEqualTo(replicaSet);
            });
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(pod.getStatus().getPodIP()).startsWith("10.244.");
            assertThat(pod.getStatus().getContainerStatuses()).singleElement().satisfies(c -> {
                assertThat(c.getReady()).isTrue();
                assertThat(c.getRestartCount()).isZero();
                assertThat(c.getState().getRunning()).isNotNull();
            });
        });
        assertThat(pods("shop")).extracting(p -> p.getStatus().getPodIP()).doesNotHaveDuplicates();
        Awaitility.await().atMost(AT_MOST).until(() -> readyReplicas("shop") == 3);
    }

    @Test
    void aRollingUpdateReplacesThePodsAndAScaleDownDeletesThem() {
        deploy("shop", 4, "demo.local/shop:1.0");
        Awaitility.await()
                .atMost(AT_MOST)
                .until(() -> pods("shop").stream().filter(this::ready).count() == 4);

        Deployment updated = deploy("shop", 4, "demo.local/shop:1.1");

        Awaitility.await()
                .atMost(AT_MOST)
                .untilAsserted(() -> assertThat(pods("shop")).hasSize(4).allSatisfy(pod -> {
                    assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("demo.local/shop:1.1");
                    assertThat(ready(pod)).isTrue();
                }));
        assertThat(pods("shop"))
                .allSatisfy(pod -> assertThat(
                                pod.getMetadata().getOwnerReferences().get(0).getName())
                        .isEqualTo(SimulatedCluster.replicaSetName(updated)));

        client.apps().deployments().inNamespace("shop").withName("shop").scale(1);

        Awaitility.await().atMost(AT_MOST).until(() -> pods("shop").size() == 1);
    }

    @Test
    void aRescaledDeploymentsRunningPodsStayReadyWhileTheNewOnesStart() {
        deploy("shop", 1, "demo.local/shop:1.0");
        Awaitility.await().atMost(AT_MOST).until(() -> pods("shop").stream().anyMatch(this::ready));
        String first = pods("shop").get(0).getMetadata().getName();
        Set<String> notReady = ConcurrentHashMap.newKeySet();

        client.apps().deployments().inNamespace("shop").withName("shop").scale(3);

        // A ready pod that stops being ready is a failure to the health monitor.
        Awaitility.await().atMost(AT_MOST).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            pods("shop").stream()
                    .filter(p -> !ready(p))
                    .forEach(p -> notReady.add(p.getMetadata().getName()));
            assertThat(pods("shop"))
                    .hasSize(3)
                    .allSatisfy(pod -> assertThat(ready(pod)).isTrue());
        });
        assertThat(notReady).doesNotContain(first);
    }

    @Test
    void aCrashLoopingVersionsPodsRestartEveryTwoReadinessDelaysAndWaitInCrashLoopBackOff() {
        deploy("shop", 2, "demo.local/shop:2.0-crashloop");
        Set<String> reasons = ConcurrentHashMap.newKeySet();
        Set<Integer> readyCounts = ConcurrentHashMap.newKeySet();

        Awaitility.await().atMost(AT_MOST).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            List<ContainerStatus> containers = pods("shop").stream()
                    .flatMap(p -> p.getStatus().getContainerStatuses().stream())
                    .toList();
            containers.stream()
                    .filter(c -> c.getState().getWaiting() != null)
                    .forEach(c -> reasons.add(c.getState().getWaiting().getReason() + "/ready=" + c.getReady()));
            readyCounts.add(readyReplicas("shop"));
            assertThat(containers)
                    .hasSize(2)
                    .allSatisfy(c -> assertThat(c.getRestartCount()).isGreaterThanOrEqualTo(3));
        });
        assertThat(reasons).contains("CrashLoopBackOff/ready=false");
        assertThat(pods("shop")).allSatisfy(pod -> {
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(pod.getStatus()
                            .getContainerStatuses()
                            .get(0)
                            .getLastState()
                            .getTerminated()
                            .getReason())
                    .isEqualTo("Error");
        });
        // The Deployment counts them ready only while they run: a rollout can see them ready, then not.
        assertThat(readyCounts).contains(0, 2);
    }

    @Test
    void aCrashLoopingVersionAnswersNeitherRequestsNorMetrics() throws Exception {
        deploy("shop", 2, "demo.local/shop:1.0");
        deploy("shop-canary", 1, "demo.local/shop:2.0-crashloop");
        try (DemoApplication app = DemoApplication.start(client, "shop", "shop", 0, 0)) {
            HttpClient http = HttpClient.newHttpClient();
            Awaitility.await()
                    .atMost(AT_MOST)
                    .untilAsserted(() -> assertThatThrownBy(() -> get(http, app.canaryUrl() + "/metrics"))
                            .isInstanceOf(IOException.class));
            assertThatThrownBy(() -> get(http, app.canaryUrl() + "/checkout")).isInstanceOf(IOException.class);
            assertThat(get(http, app.stableUrl() + "/checkout")).isEqualTo(200);
        }
    }

    @Test
    void aSlowVersionAnswersEveryRequestInHundredsOfMillisecondsWithinTheTwoSecondLimit() throws Exception {
        deploy("shop", 2, "demo.local/shop:1.0");
        deploy("shop-preview", 2, "demo.local/shop:2.0-slow");
        try (DemoApplication app = DemoApplication.start(client, "shop", "shop", 0, 0)) {
            HttpClient http = HttpClient.newHttpClient();
            Awaitility.await()
                    .atMost(AT_MOST)
                    .until(() -> body(http, app.canaryUrl() + "/checkout").equals("ok demo.local/shop:2.0-slow\n"));
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertThat(get(http, app.canaryUrl() + "/checkout")).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isBetween(Duration.ofMillis(300), Duration.ofSeconds(2));
            }
            assertThat(body(http, app.stableUrl() + "/checkout")).isEqualTo("ok demo.local/shop:1.0\n");
        }
    }

    /**
     * The fault injection of the fault suite: another client (a service's) waiting half a second gets no
     * answer about the slowed namespace, gets one about any other, and gets it again once the latency is
     * taken back; the simulator's own client (its controller, the tests' reads) is never slowed.
     */
    @Test
    void anInjectedLatencySlowsOnlyOtherClientsCallsOnTheNamedNamespaceUntilTakenBack() {
        deploy("shop", 1, "demo.local/shop:1.0");
        cluster.injectApiLatency("shop", Duration.ofSeconds(3));
        try (KubernetesClient service = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(Config.empty())
                        .withMasterUrl(cluster.url())
                        .withTrustCerts(true)
                        .withRequestTimeout(500)
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build()) {
            assertThatThrownBy(() -> service.apps()
                            .deployments()
                            .inNamespace("shop")
                            .withName("shop")
                            .get())
                    .isInstanceOf(KubernetesClientException.class);
            assertThat(service.apps().deployments().inNamespace("other").list().getItems())
                    .isEmpty();
            assertThat(client.apps()
                            .deployments()
                            .inNamespace("shop")
                            .withName("shop")
                            .get())
                    .isNotNull();

            cluster.injectApiLatency("shop", Duration.ZERO);

            assertThat(service.apps()
                            .deployments()
                            .inNamespace("shop")
                            .withName("shop")
                            .get())
                    .isNotNull();
        }
    }

    private static int get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String body(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private Deployment deploy(String name, int replicas, String image) {
        client.namespaces()
                .resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                        .withNewMetadata()
                        .withName("shop")
                        .endMetadata()
                        .build())
                .createOr(op -> op.update());
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", "shop")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "shop")
                .addToAnnotations("prometheus.io/port", "8080")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        Deployment existing =
                client.apps().deployments().inNamespace("shop").withName(name).get();
        if (existing == null) {
            return client.apps()
                    .deployments()
                    .inNamespace("shop")
                    .resource(deployment)
                    .create();
        }
        return client.apps().deployments().inNamespace("shop").withName(name).edit(d -> {
            d.getSpec().setTemplate(deployment.getSpec().getTemplate());
            d.getSpec().setReplicas(replicas);
            return d;
        });
    }

    /** The Deployment's pods: owned by one of its ReplicaSets, as its controller finds them. */
    private List<Pod> pods(String deployment) {
        return client.pods().inNamespace("shop").list().getItems().stream()
                .filter(p -> p.getMetadata()
                        .getOwnerReferences()
                        .get(0)
                        .getName()
                        .matches(java.util.regex.Pattern.quote(deployment) + "-[0-9a-f]+"))
                .collect(Collectors.toList());
    }

    private boolean ready(Pod pod) {
        return pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private int readyReplicas(String deployment) {
        var status = client.apps()
                .deployments()
                .inNamespace("shop")
                .withName(deployment)
                .get()
                .getStatus();
        return status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
    }
}
