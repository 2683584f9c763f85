package dev.rollwatch.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseStatus;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import dev.rollwatch.local.LocalSystem;
import dev.rollwatch.local.demo.DemoScenario;
import dev.rollwatch.local.demo.ReleaseApiClient;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.GroupState;
import org.awaitility.Awaitility;

/**
 * One local system for a system-test class, and what the classes check it with: the five packaged
 * services as processes against a real broker and PostgreSQL, the simulated Kubernetes API, the demo
 * application under real traffic, a recorder of the topics, and the assertions every suite makes
 * (every step once, every release ended once, every service ready, no Slack message twice).
 */
final class SystemFixture implements AutoCloseable {

    /**
     * Timings compressed for the fault suites: a notifier delivery's lease (2 minutes in production) is
     * how long a delivery a killed instance held waits before another instance takes it over.
     */
    static final Map<String, Map<String, String>> FAULT_SETTINGS =
            Map.of("notifier-service", Map.of("rollwatch.notifier.dispatch.lease", "8s"));

    /** The namespace of the applications a test deploys itself (not the demo's). */
    static final String BURST_NAMESPACE = "burst";

    /**
     * The demo's traffic. The judge wants about 300 canary requests per step, so the rate sets how long
     * every judged step takes: 120 a second (three times the local demo's 40) cuts the suites' healthy
     * canaries from about 3 minutes to under 2 on CI's two cores.
     */
    static final int DEMO_REQUESTS_PER_SECOND = 120;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Held so the level sticks: the simulated API server would log each of its many requests. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private final LocalSystem system;
    private final DemoScenario demo;
    private final ReleaseApiClient api;
    private final KafkaTestClient observer;
    private final TopicRecorder topics;

    private SystemFixture(
            LocalSystem system,
            DemoScenario demo,
            ReleaseApiClient api,
            KafkaTestClient observer,
            TopicRecorder topics) {
        this.system = system;
        this.demo = demo;
        this.api = api;
        this.observer = observer;
        this.topics = topics;
    }

    /**
     * Starts the system (each service with {@code settings} on top of its own), the demo application
     * at {@value #DEMO_REQUESTS_PER_SECOND} requests a second, and records {@code recorded} as {@code recorder} (a Kafka user of the
     * local broker) from their beginning.
     */
    static SystemFixture start(
            String logs, Map<String, Map<String, String>> settings, String recorder, List<String> recorded)
            throws Exception {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        Path repository = repository();
        LocalSystem system = LocalSystem.start(
                new LocalSystem.Options(
                        FreePorts.block(1, 10_000),
                        FreePorts.block(1, 0),
                        FreePorts.block(LocalSystem.SERVICES.size(), 0),
                        FreePorts.block(LocalSystem.SERVICES.size(), 0),
                        FreePorts.block(1, 0),
                        FreePorts.block(1, 0),
                        repository,
                        repository.resolve("deploy/local/target/rollwatch-local.jar"),
                        new PrintStream(System.out, true),
                        Path.of("target", logs)),
                settings);
        DemoScenario demo = null;
        KafkaTestClient observer = null;
        try {
            ReleaseApiClient api = new ReleaseApiClient(system.apiUrl(), system.devKey());
            int demoPorts = FreePorts.block(2, 0);
            demo = DemoScenario.start(
                    system.cluster().client(), api, demoPorts, demoPorts + 1, DEMO_REQUESTS_PER_SECOND, System.out);
            observer = new KafkaTestClient(
                    system.kafkaBootstrapServers(),
                    system.kafkaClientConfig(recorder),
                    system.kafkaClientConfig("admin"));
            TopicRecorder topics = observer.record(recorded.toArray(String[]::new));
            return new SystemFixture(system, demo, api, observer, topics);
        } catch (Exception | Error e) {
            if (observer != null) {
                observer.close();
            }
            if (demo != null) {
                demo.close();
            }
            system.close();
            throw e;
        }
    }

    /** The repository root: where the packaged services are. */
    static Path repository() {
        return Path.of(System.getProperty("rollwatch.repository", ".."))
                .toAbsolutePath()
                .normalize();
    }

    LocalSystem system() {
        return system;
    }

    DemoScenario demo() {
        return demo;
    }

    ReleaseApiClient api() {
        return api;
    }

    TopicRecorder topics() {
        return topics;
    }

    KubernetesClient cluster() {
        return system.cluster().client();
    }

    @Override
    public void close() {
        topics.close();
        observer.close();
        demo.close();
        system.close();
    }

    // --- releases ---

    static String id(JsonNode release) {
        return release.at("/release/releaseId").asText();
    }

    static String state(JsonNode release) {
        return release.at("/release/state").asText();
    }

    /**
     * The steps as consumers see them. A relay killed between the broker's ack and marking the event sent
     * publishes it again under the same id, which every consumer drops; a repeated step would have a new id.
     */
    List<StepCompleted> steps(String releaseId) {
        return distinct(topics.events(Topics.STEP_COMPLETED, releaseId)).stream()
                .map(StepCompleted.class::cast)
                .toList();
    }

    /** The distinct release.status events (by event id) that say the release ended. */
    List<ReleaseStatus> terminalStatuses(String releaseId) {
        return distinct(topics.events(Topics.RELEASE_STATUS, releaseId)).stream()
                .map(ReleaseStatus.class::cast)
                .filter(status -> status.state().isTerminal())
                .toList();
    }

    private static List<Object> distinct(List<? extends CloudEvent<?>> events) {
        return List.copyOf(events.stream()
                .collect(Collectors.toMap(
                        CloudEvent::id, e -> (Object) e.data(), (first, again) -> first, LinkedHashMap::new))
                .values());
    }

    /**
     * No step of the plan reported twice. Notices outside the plan (step index -1: waiting for a verdict,
     * going on after it, an operator's pause) may legitimately come more than once.
     */
    static void assertNoDuplicateSteps(List<StepCompleted> steps) {
        List<StepCompleted> planned =
                steps.stream().filter(s -> s.stepIndex() >= 0).toList();
        Set<String> distinct = planned.stream()
                .map(s -> s.stepIndex() + ":" + s.action() + ":" + s.phase())
                .collect(Collectors.toSet());
        assertThat(distinct).as("step.completed events %s", steps).hasSameSizeAs(planned);
    }

    /** Every step of the plan reported, none twice, the last one completing the release. */
    void assertCompleteWithoutDuplicates(String releaseId) {
        List<StepCompleted> steps = steps(releaseId);
        assertNoDuplicateSteps(steps);
        assertThat(steps.stream()
                        .filter(s -> s.stepIndex() >= 0)
                        .map(StepCompleted::stepIndex)
                        .collect(Collectors.toSet()))
                .as("steps of %s", releaseId)
                .containsAll(
                        IntStream.range(0, steps.get(0).stepCount()).boxed().toList());
        assertThat(steps).last().extracting(StepCompleted::phase).isEqualTo(StepCompleted.Phase.COMPLETED);
    }

    /**
     * Waits until the services' consumer groups have settled after start: every group stable (or empty)
     * on three polls a second apart. A record sent while a group still rebalances can be handled twice
     * (handled, then its partition moved before the offset was committed), Kafka's at-least-once
     * delivery that the suites would otherwise count as a duplicate of Rollwatch's own.
     */
    void awaitConsumerGroupsSettled() {
        java.util.Map<String, Object> config = new java.util.HashMap<>(system.kafkaClientConfig("admin"));
        config.put("bootstrap.servers", system.kafkaBootstrapServers());
        try (Admin admin = Admin.create(config)) {
            java.util.concurrent.atomic.AtomicInteger settledPolls = new java.util.concurrent.atomic.AtomicInteger();
            Awaitility.await("the services' consumer groups settled")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() ->
                            groupsSettled(admin) ? settledPolls.incrementAndGet() >= 3 : settledPolls.getAndSet(0) < 0);
        }
    }

    private static boolean groupsSettled(Admin admin) throws Exception {
        List<String> groups = admin.listGroups().all().get(10, java.util.concurrent.TimeUnit.SECONDS).stream()
                .map(GroupListing::groupId)
                .toList();
        return !groups.isEmpty()
                && admin
                        .describeConsumerGroups(groups)
                        .all()
                        .get(10, java.util.concurrent.TimeUnit.SECONDS)
                        .values()
                        .stream()
                        .allMatch(group ->
                                group.groupState() == GroupState.STABLE || group.groupState() == GroupState.EMPTY);
    }

    /**
     * The release ended once on release.status (awaited: the status follows the outcome the API shows).
     * Topics are ordered independently, so the executor's restore can be consumed before the rollback
     * decision that caused it: the release then ends when the restore arrives, and the decision only adds
     * its reason to the same outcome (ReleaseLifecycle). That is the one second terminal status allowed.
     */
    void assertEndedOnce(String releaseId) {
        Awaitility.await("release " + releaseId + " reported ended on release.status")
                .atMost(Duration.ofSeconds(60))
                .until(() -> !terminalStatuses(releaseId).isEmpty());
        List<ReleaseStatus> terminal = terminalStatuses(releaseId);
        assertThat(terminal)
                .as("terminal statuses of %s", releaseId)
                .extracting(ReleaseStatus::state)
                .containsOnly(terminal.get(0).state());
        if (terminal.size() > 1) {
            assertThat(terminal).as("terminal statuses of %s", releaseId).hasSize(2);
            assertThat(terminal.get(0).reason())
                    .as("the restore consumed before its decision, of %s", releaseId)
                    .isNull();
            assertThat(terminal.get(1).reason())
                    .as("the decision's reason, of %s", releaseId)
                    .isNotBlank();
        }
    }

    void assertEveryServiceReady() {
        for (String service : LocalSystem.SERVICES) {
            assertReady(service, system.managementUrl(service));
        }
    }

    static void assertReady(String service, String url) {
        Awaitility.await(service + " ready")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(readiness(url))
                        .as("%s /q/health/ready", service)
                        .isEqualTo(200));
    }

    /** The status of a service's readiness check at its management {@code url}; 0 when it does not answer. */
    static int readiness(String url) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    // --- the demo application and the test's own applications ---

    /**
     * The demo's canary compressed to two weights (50%, then 100%): every step that raises the new
     * version's traffic still waits for its HEALTHY verdict, which at {@value #DEMO_REQUESTS_PER_SECOND} requests a second comes within
     * seconds at 50% where it takes over a minute at 10%.
     */
    ObjectNode canary(String image, String pause) {
        ObjectNode body = demo.canaryRelease(image, pause);
        ArrayNode steps = ((ObjectNode) body.at("/strategy/canary")).putArray("steps");
        steps.addObject().put("setWeight", 50);
        steps.addObject().putObject("pause").put("duration", pause);
        steps.addObject().put("setWeight", 100);
        return body;
    }

    /** The image the demo application's stable Deployment runs. */
    String stableImage() {
        return image(DemoScenario.NAMESPACE, DemoScenario.APPLICATION);
    }

    /** The image a Deployment runs, or null when there is no such Deployment. */
    String image(String namespace, String name) {
        Deployment deployment = deployment(namespace, name);
        return deployment == null
                ? null
                : deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage();
    }

    Deployment deployment(String namespace, String name) {
        return cluster()
                .apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    /**
     * Removes an application {@link #deploy deployed} here (its Deployment and canary) once its releases
     * ended, so the simulated cluster's controller does not go on reconciling it for the rest of the class.
     */
    void undeploy(String application) {
        cluster()
                .apps()
                .deployments()
                .inNamespace(BURST_NAMESPACE)
                .withName(application)
                .delete();
        cluster()
                .apps()
                .deployments()
                .inNamespace(BURST_NAMESPACE)
                .withName(application + "-canary")
                .delete();
    }

    /**
     * An application of two replicas (version 1.0) in the burst namespace, as its team would have
     * deployed it. Several clients may deploy at once.
     */
    void deploy(String application) {
        KubernetesClient cluster = cluster();
        if (cluster.namespaces().withName(BURST_NAMESPACE).get() == null) {
            try {
                cluster.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(BURST_NAMESPACE)
                                .endMetadata()
                                .build())
                        .create();
            } catch (KubernetesClientException e) {
                // Another client created it meanwhile (an update instead would conflict with theirs).
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
        cluster.apps()
                .deployments()
                .inNamespace(BURST_NAMESPACE)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(application)
                        .addToLabels("app", application)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(2)
                        .withNewSelector()
                        .addToMatchLabels("app", application)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", application)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("app")
                        .withImage("demo.local/" + application + ":1.0")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .createOr(NonDeletingOperation::update);
        cluster.services()
                .inNamespace(BURST_NAMESPACE)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName(application)
                        .endMetadata()
                        .withNewSpec()
                        .addToSelector("app", application)
                        .addNewPort()
                        .withName("http")
                        .withPort(80)
                        .endPort()
                        .endSpec()
                        .build())
                .createOr(NonDeletingOperation::update);
    }

    /**
     * A canary (50%, a pause, 100%) of an application of the burst namespace that nothing watches on
     * purpose: its steps follow their timers.
     */
    static ObjectNode unwatchedCanary(String application, String image) {
        ObjectNode body = JSON.createObjectNode()
                .put("application", application)
                .put("namespace", BURST_NAMESPACE)
                .put("image", image);
        // Generous: with hundreds of Deployments the simulated cluster (fabric8's mock API server and the
        // harness's stand-in controller) makes a canary ready in tens of seconds; it is not under test.
        ObjectNode strategy = body.putObject("strategy").put("type", "canary").put("stepDeadline", "3m");
        ArrayNode steps = strategy.putObject("canary").putArray("steps");
        steps.addObject().put("setWeight", 50);
        steps.addObject().putObject("pause").put("duration", "3s");
        steps.addObject().put("setWeight", 100);
        body.putObject("trafficRouter").put("type", "replicaRatio");
        body.putObject("slo").putObject("metricSource").put("type", "none");
        body.putObject("requestedBy").put("pipeline", "fault-suite");
        return body;
    }

    // --- Slack ---

    /** Every request the local Slack receiver answered, in order. */
    List<JsonNode> slack() {
        return system.receiver().received().stream()
                .filter(r -> r.path("path").asText().startsWith("/slack/api/"))
                .toList();
    }

    /**
     * Every attempt at posting a release's first message (the thread parent, titled "&lt;application&gt;
     * &lt;version&gt;:"), whatever Slack answered.
     */
    List<JsonNode> parentPosts(String application, String version) {
        String title = title(application, version);
        return slack().stream()
                .filter(r -> r.path("path").asText().endsWith("chat.postMessage")
                        && !r.at("/body/thread_ts").isTextual()
                        && r.at("/body/text").asText().contains(title))
                .toList();
    }

    /** How a release's first message names it. */
    static String title(String application, String version) {
        return application + " " + version + ":";
    }

    /** No reply Slack took in the release's thread says the same thing twice. */
    void assertNoMessageTwice(String application, String version) {
        Set<String> threads = parentPosts(application, version).stream()
                .filter(r -> r.path("status").asInt() == 200)
                .map(r -> r.at("/answer/ts").asText())
                .collect(Collectors.toSet());
        List<String> replies = slack().stream()
                .filter(r -> r.path("status").asInt() == 200
                        && r.path("path").asText().endsWith("chat.postMessage")
                        && threads.contains(r.at("/body/thread_ts").asText()))
                .map(r -> r.at("/body/text").asText())
                .toList();
        assertThat(replies)
                .as("replies in the thread of %s", title(application, version))
                .doesNotHaveDuplicates();
    }
}
