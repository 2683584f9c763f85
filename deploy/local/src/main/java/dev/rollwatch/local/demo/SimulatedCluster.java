package dev.rollwatch.local.demo;

import dev.rollwatch.cluster.Marks;
import dev.rollwatch.cluster.routing.Route;
import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routings;
import dev.rollwatch.cluster.routing.WeightedObject;
import dev.rollwatch.cluster.routing.nginx.NginxRouting;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.kubernetes.strict.StrictCrudDispatcher;
import dev.rollwatch.kubernetes.strict.VendoredSchemas;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * SIMULATED Kubernetes, for running Rollwatch without a cluster: fabric8's in-memory API server
 * (real Kubernetes REST semantics for create, read, update, patch, watch; nothing runs) plus a
 * stand-in for the Deployment controller. When a Deployment's pod template changes it replaces the
 * pods in batches of {@code maxSurge}, one batch per readiness delay, as a rolling update does; a
 * new or rescaled Deployment is ready after one delay. It keeps the ReplicaSet history that
 * {@code kubectl rollout undo} relies on, and each ReplicaSet's Pod objects ({@link SimulatedPods}),
 * so pod health can be read as from a real cluster. Nothing here runs containers: the demo
 * application plays the pods. An image whose tag contains {@value #CRASHLOOP} stands for a version
 * that crashes once it serves: its pods restart every two readiness delays and spend every other
 * delay in CrashLoopBackOff, not ready; its Deployment counts them ready only while they run.
 *
 * <p>The API server is STRICT ({@link StrictCrudDispatcher}): it refuses what a real one refuses, so a
 * bug that only a real cluster would show shows here too. Every object written is held to the
 * official schema of its kind (Kubernetes, Istio, Gateway API; SMI by its specification's structure),
 * fields the kind does not declare are refused as {@code kubectl --validate=strict} refuses them, and
 * so are a changed Deployment selector or Service cluster IP and a stale {@code resourceVersion}. The
 * schemas run on Node.js; see {@link Schemas}.
 */
public final class SimulatedCluster implements AutoCloseable {

    /**
     * Routing objects the executor may write (every router of the contract whose object is a custom
     * resource, at the default versions), served like the real API server would.
     */
    private static final List<CustomResourceDefinitionContext> CUSTOM_RESOURCES = customResources();

    private static final String REVISION = Marks.REVISION;
    /** In an image's tag: the version crash-loops (see {@link #crashLoops}). */
    public static final String CRASHLOOP = "crashloop";

    /** How this simulator's own client introduces itself, so that injected latency spares it. */
    private static final String OWN_USER_AGENT = "rollwatch-simulated-cluster";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final SlowApi slowApi;
    private final Duration readinessDelay;
    private final SimulatedPods pods;
    private final ScheduledExecutorService controller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "simulated-deployment-controller");
        thread.setDaemon(true);
        return thread;
    });
    /** When each Deployment's current spec was first seen, and whether its pod template changed then. */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    private record Seen(String specFingerprint, int templateHash, int replicas, boolean templateChanged, Instant at) {}

    /**
     * Deployments found settled (status as wanted, every pod ready, none crash-looping), by the
     * resourceVersion they were found settled at: passed over until that changes or the next full pass.
     * Reconciled on every pass, a thousand Deployments of ten pods each cost the controller two scans of
     * the whole store per Deployment per pass (the mock server matches every stored object on every
     * list), and a canary created into that waited minutes for its pods.
     */
    private final Map<String, String> settledAt = new ConcurrentHashMap<>();
    /** How often every Deployment is reconciled, settled or not: what a real controller's resync does. */
    private static final Duration FULL_PASS_EVERY = Duration.ofSeconds(5);

    private long lastFullPass = System.nanoTime();

    /** A Deployment's current ReplicaSet and the names of all its ReplicaSets. */
    private record Revisions(ReplicaSet current, Set<String> names) {}

    private SimulatedCluster(KubernetesMockServer server, Duration readinessDelay, SlowApi slowApi) {
        this.server = server;
        this.client = ownClient(server);
        this.readinessDelay = readinessDelay;
        this.pods = new SimulatedPods(client, readinessDelay);
        this.slowApi = slowApi;
    }

    /** Whether the official schemas are checked, which needs Node.js (immutable fields and conflicts always are). */
    public enum Schemas {
        /** Fail to start without Node.js: what the tests use, so that no test runs unchecked by accident. */
        REQUIRED,
        /** Without Node.js, say so and go on without the schemas: the local system needs only a JDK. */
        IF_NODE_IS_INSTALLED;

        /**
         * {@code ROLLWATCH_KUBERNETES_SCHEMAS=required} (run-tests.sh sets it) makes every simulated
         * cluster of this JVM require them; otherwise they are checked whenever Node.js is installed.
         */
        public static Schemas fromEnvironment() {
            return "required".equalsIgnoreCase(System.getenv("ROLLWATCH_KUBERNETES_SCHEMAS"))
                    ? REQUIRED
                    : IF_NODE_IS_INSTALLED;
        }
    }

    public static SimulatedCluster start(int port, Duration readinessDelay) {
        return start(port, readinessDelay, Schemas.fromEnvironment());
    }

    public static SimulatedCluster start(int port, Duration readinessDelay, Schemas schemas) {
        Optional<VendoredSchemas> official;
        if (schemas == Schemas.REQUIRED || VendoredSchemas.available()) {
            official = Optional.of(VendoredSchemas.start());
        } else {
            System.err.println("simulated Kubernetes API: Node.js not found, so objects are NOT checked against the"
                    + " official Kubernetes, Istio and Gateway API schemas (install Node.js 18+ or set ROLLWATCH_NODE);"
                    + " unknown and immutable fields and stale resourceVersions are still refused");
            official = Optional.empty();
        }
        SlowApi slowApi = new SlowApi(new StrictCrudDispatcher(CUSTOM_RESOURCES, official));
        KubernetesMockServer server =
                new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), slowApi, false);
        server.init(InetAddress.getLoopbackAddress(), port);
        SimulatedCluster cluster = new SimulatedCluster(server, readinessDelay, slowApi);
        cluster.controller.scheduleWithFixedDelay(cluster::reconcileQuietly, 200, 200, TimeUnit.MILLISECONDS);
        return cluster;
    }

    /**
     * FAULT INJECTION, for tests: from now on every call of another client (Rollwatch's services) on
     * an object of {@code namespace} is answered {@code latency} late, as by an overloaded API server;
     * {@link Duration#ZERO} takes it back. The change itself is made at once, only its answer waits, so
     * a client that gives up early may not know a write it sent happened. Watches are not slowed, nor
     * is this simulator's own client (its Deployment controller and {@link #client()}), so the other
     * namespaces' rollouts keep their pace.
     */
    public void injectApiLatency(String namespace, Duration latency) {
        slowApi.latency(namespace, latency);
    }

    /** The API server's URL, for the services' Kubernetes client. */
    public String url() {
        return client.getMasterUrl().toString();
    }

    public KubernetesClient client() {
        return client;
    }

    private static KubernetesClient ownClient(KubernetesMockServer server) {
        return server.createClient(builder ->
                builder.editOrNewConfig().withUserAgent(OWN_USER_AGENT).endConfig());
    }

    /** The API server's dispatcher with per-namespace latency injected (see {@link #injectApiLatency}). */
    private static final class SlowApi extends Dispatcher {

        private final Dispatcher api;
        private final Map<String, Duration> latencies = new ConcurrentHashMap<>();

        SlowApi(Dispatcher api) {
            this.api = api;
        }

        void latency(String namespace, Duration latency) {
            if (latency.isZero()) {
                latencies.remove(namespace);
            } else {
                latencies.put(namespace, latency);
            }
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            MockResponse response = api.dispatch(request);
            if (latencies.isEmpty()
                    || OWN_USER_AGENT.equals(request.getHeader("User-Agent"))
                    || request.getPath().contains("watch=true")) {
                return response;
            }
            Duration latency = latencies.get(namespaceOf(request.getPath()));
            // The server answers after a timer, so a slow answer holds none of its threads.
            return latency == null ? response : response.setBodyDelay(latency);
        }

        @Override
        public void shutdown() {
            api.shutdown();
        }

        private static String namespaceOf(String path) {
            int at = path.indexOf("/namespaces/");
            if (at < 0) {
                return "";
            }
            String rest = path.substring(at + "/namespaces/".length());
            int end = rest.indexOf('/') >= 0 ? rest.indexOf('/') : rest.indexOf('?');
            return end < 0 ? rest : rest.substring(0, end);
        }
    }

    /** Whether the simulated cluster makes containers of this image crash in a loop. */
    public static boolean crashLoops(String image) {
        return image != null && image.contains(CRASHLOOP);
    }

    private void reconcileQuietly() {
        List<Deployment> deployments;
        try {
            deployments = client.apps().deployments().inAnyNamespace().list().getItems();
        } catch (RuntimeException e) {
            System.err.println("simulated deployment controller: " + e);
            return;
        }
        boolean fullPass = System.nanoTime() - lastFullPass >= FULL_PASS_EVERY.toNanos();
        if (fullPass) {
            lastFullPass = System.nanoTime();
        }
        Set<String> present = new HashSet<>();
        // Each Deployment on its own: a write that races one of them must not skip the rest of the pass,
        // or with many writers the Deployments late in the list would never be reconciled.
        for (Deployment deployment : deployments) {
            String key = deployment.getMetadata().getNamespace() + "/"
                    + deployment.getMetadata().getName();
            String version = deployment.getMetadata().getResourceVersion();
            present.add(key);
            if (!fullPass && version != null && version.equals(settledAt.get(key))) {
                continue;
            }
            try {
                if (reconcile(deployment)) {
                    settledAt.put(key, version);
                } else {
                    settledAt.remove(key);
                }
            } catch (KubernetesClientException e) {
                settledAt.remove(key);
                // A write that raced ours (409) is retried by the next pass, which sees the new version, and one
                // cut short by the server closing has no answer (code 0); any other refusal (the strict API
                // server's 422 or 400) is a bug of this controller, said aloud.
                if (e.getCode() >= 400 && e.getCode() != 409) {
                    System.err.println("simulated deployment controller: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                settledAt.remove(key);
                System.err.println("simulated deployment controller: " + e);
            }
        }
        settledAt.keySet().retainAll(present);
    }

    /** Brings the Deployment's pods and status to its spec; true when it found it settled and wrote nothing. */
    private boolean reconcile(Deployment deployment) {
        String key = deployment.getMetadata().getNamespace() + "/"
                + deployment.getMetadata().getName();
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        int templateHash = deployment.getSpec().getTemplate().hashCode();
        String fingerprint = desired + "|" + templateHash;
        Seen current = seen.compute(
                key,
                (k, previous) -> previous != null && previous.specFingerprint().equals(fingerprint)
                        ? previous
                        // Only pods that exist are replaced: a template change of a Deployment at zero is a fresh
                        // start.
                        : new Seen(
                                fingerprint,
                                templateHash,
                                desired,
                                previous != null && previous.replicas() > 0 && previous.templateHash() != templateHash,
                                Instant.now()));
        Revisions revisions = recordRevision(deployment);
        String revision = annotation(revisions.current(), REVISION);
        long delays = Duration.between(current.at(), Instant.now()).toMillis() / Math.max(1, readinessDelay.toMillis());
        // A changed template rolls out batch by batch; anything else is ready after one delay.
        int updated = current.templateChanged()
                ? (int) Math.min(desired, delays * batch(deployment, desired))
                : delays >= 1 ? desired : 0;
        SimulatedPods.Crashing crashing = pods.reconcile(
                deployment,
                revisions.current(),
                revisions.names(),
                current.templateChanged() ? updated : desired,
                current.templateChanged() || delays >= 1,
                current.templateChanged() ? desired - updated : 0);
        int readyPods = Math.max(0, (current.templateChanged() ? desired : updated) - crashing.all());
        int available = Math.max(0, updated - crashing.current());
        long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 1L);
        DeploymentStatus wanted = new DeploymentStatusBuilder()
                .withObservedGeneration(generation)
                .withReplicas(desired)
                .withUpdatedReplicas(updated)
                .withReadyReplicas(readyPods)
                .withAvailableReplicas(available)
                .withUnavailableReplicas(desired - available)
                .withConditions(
                        condition("Available", available == desired, "MinimumReplicasAvailable"),
                        condition(
                                "Progressing",
                                true,
                                "ReplicaSet \"" + replicaSetName(deployment) + "\" "
                                        + (updated == desired ? "has successfully progressed" : "is progressing")))
                .build();
        boolean annotated = revision.equals(annotation(deployment, REVISION));
        if (annotated && sameStatus(deployment.getStatus(), wanted)) {
            return available == desired
                    && crashing.all() == 0
                    // A crash-looping version's pods change with time alone.
                    && deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                            .noneMatch(container -> crashLoops(container.getImage()));
        }
        deployment.getMetadata().getAnnotations().put(REVISION, revision);
        deployment.setStatus(wanted);
        client.apps()
                .deployments()
                .inNamespace(deployment.getMetadata().getNamespace())
                .resource(deployment)
                .update();
        return false;
    }

    /**
     * Keeps one ReplicaSet per distinct pod template, numbered like the real controller does, so a
     * rollback can find "the previous ReplicaSet's template".
     */
    private Revisions recordRevision(Deployment deployment) {
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        String rsName = replicaSetName(deployment);
        String hash = rsName.substring(name.length() + 1);
        List<ReplicaSet> owned = client.apps()
                .replicaSets()
                .inNamespace(namespace)
                .withLabel("rollwatch.dev/simulated-owner", name)
                .list()
                .getItems();
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        ReplicaSet current = owned.stream()
                .filter(rs -> rs.getMetadata().getName().equals(rsName))
                .findFirst()
                .orElse(null);
        int latest = owned.stream()
                .mapToInt(rs -> Integer.parseInt(annotation(rs, REVISION)))
                .max()
                .orElse(0);
        if (current == null) {
            ReplicaSet created = new ReplicaSetBuilder()
                    .withNewMetadata()
                    .withName(rsName)
                    .withNamespace(namespace)
                    .addToLabels(
                            deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .addToLabels("rollwatch.dev/simulated-owner", name)
                    .addToLabels("pod-template-hash", hash)
                    .addToAnnotations(REVISION, Integer.toString(latest + 1))
                    .addNewOwnerReference()
                    .withApiVersion("apps/v1")
                    .withKind("Deployment")
                    .withName(name)
                    .withUid(deployment.getMetadata().getUid())
                    .withController(true)
                    .endOwnerReference()
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(desired)
                    .withSelector(deployment.getSpec().getSelector())
                    .withTemplate(deployment.getSpec().getTemplate())
                    .endSpec()
                    .build();
            current = client.apps()
                    .replicaSets()
                    .inNamespace(namespace)
                    .resource(created)
                    .create();
        }
        String currentName = current.getMetadata().getName();
        for (ReplicaSet rs : owned) {
            int replicas = rs.getMetadata().getName().equals(currentName) ? desired : 0;
            if (!Objects.equals(rs.getSpec().getReplicas(), replicas)) {
                rs.getSpec().setReplicas(replicas);
                client.apps().replicaSets().inNamespace(namespace).resource(rs).update();
            }
        }
        Set<String> names = new HashSet<>(
                owned.stream().map(rs -> rs.getMetadata().getName()).toList());
        names.add(currentName);
        return new Revisions(current, names);
    }

    /** Pods replaced per step of a rolling update: maxSurge (count or percent, default 25%), at least one. */
    private static int batch(Deployment deployment, int desired) {
        var rolling = deployment.getSpec().getStrategy() == null
                ? null
                : deployment.getSpec().getStrategy().getRollingUpdate();
        var surge = rolling == null ? null : rolling.getMaxSurge();
        String value = surge == null
                ? "25%"
                : surge.getStrVal() != null ? surge.getStrVal() : Integer.toString(surge.getIntVal());
        int pods = value.endsWith("%")
                ? (int) Math.ceil(desired * Integer.parseInt(value.substring(0, value.length() - 1)) / 100.0)
                : Integer.parseInt(value);
        return Math.max(1, pods);
    }

    private static boolean sameStatus(DeploymentStatus actual, DeploymentStatus wanted) {
        return actual != null
                && Objects.equals(actual.getObservedGeneration(), wanted.getObservedGeneration())
                && Objects.equals(actual.getReplicas(), wanted.getReplicas())
                && Objects.equals(actual.getReadyReplicas(), wanted.getReadyReplicas())
                && Objects.equals(actual.getAvailableReplicas(), wanted.getAvailableReplicas())
                && Objects.equals(actual.getUpdatedReplicas(), wanted.getUpdatedReplicas());
    }

    private static DeploymentCondition condition(String type, boolean status, String message) {
        return new DeploymentConditionBuilder()
                .withType(type)
                .withStatus(status ? "True" : "False")
                .withReason("SimulatedController")
                .withMessage(message)
                .build();
    }

    /** The ReplicaSet that runs a Deployment's current pod template (named as the real controller names it). */
    public static String replicaSetName(Deployment deployment) {
        return deployment.getMetadata().getName() + "-"
                + Integer.toHexString(deployment.getSpec().getTemplate().hashCode() & 0x7fffffff);
    }

    private static String annotation(io.fabric8.kubernetes.api.model.HasMetadata object, String name) {
        if (object.getMetadata().getAnnotations() == null) {
            object.getMetadata().setAnnotations(new HashMap<>());
        }
        return object.getMetadata().getAnnotations().getOrDefault(name, "0");
    }

    private static List<CustomResourceDefinitionContext> customResources() {
        Route any = new Route(TrafficRouter.Type.REPLICA_RATIO, "default", "app", "app", "app-canary", Map.of());
        Routings routings = Routings.standard();
        return Arrays.stream(TrafficRouter.Type.values())
                .map(type -> routings.forType(type).weightedObject(any, RouterVersions.defaults()))
                .flatMap(Optional::stream)
                .map(WeightedObject::kind)
                .filter(kind -> !kind.equals(NginxRouting.INGRESS))
                .map(kind -> new CustomResourceDefinitionContext.Builder()
                        .withGroup(kind.group())
                        .withVersion(kind.version())
                        .withPlural(kind.plural())
                        .withKind(kind.kind())
                        .withScope("Namespaced")
                        .build())
                .toList();
    }

    @Override
    public void close() {
        controller.shutdownNow();
        try {
            // A pass still running would report the closed client as an error.
            controller.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
        server.destroy();
    }
}
