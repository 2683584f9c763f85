package dev.rollwatch.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The demo the local system runs: the "shop" application (ten replicas of version 1.0) on the
 * simulated cluster with real traffic, then a healthy canary of 1.1 that goes to 100%, then a faulty
 * 1.2 that fails requests and is slow, which Rollwatch must detect and roll back on its own.
 */
public final class DemoScenario implements AutoCloseable {

    public static final String NAMESPACE = "shop";
    public static final String APPLICATION = "shop";
    private static final ObjectMapper JSON = new ObjectMapper();

    // The SLO of every demo release: the seeds' hard limits, judged every second over a short window
    // so that a faulty version is caught within seconds (the benchmark's time to rollback uses it too).
    private static final double MAX_ERROR_RATE = 0.05;
    private static final int MAX_P95_MS = 2000;
    private static final int MIN_REQUESTS_PER_WINDOW = 10;
    private static final int INTERVAL_SECONDS = 1;
    private static final int WINDOW_SECONDS = 5;
    // One verdict over the sequential test's bound (a likelihood ratio of 1000:1) is the breach: the test
    // already weighs every request once, so more verdicts in a row would only delay the rollback.
    private static final int CONSECUTIVE_FAILURES = 1;

    private final DemoApplication app;
    private final LoadGenerator load;
    private final ReleaseApiClient api;
    private final PrintStream out;

    private DemoScenario(DemoApplication app, LoadGenerator load, ReleaseApiClient api, PrintStream out) {
        this.app = app;
        this.load = load;
        this.api = api;
        this.out = out;
    }

    /** Deploys version 1.0 of the demo application and starts its traffic. */
    public static DemoScenario start(
            KubernetesClient cluster,
            ReleaseApiClient api,
            int stablePort,
            int canaryPort,
            int requestsPerSecond,
            PrintStream out)
            throws IOException {
        cluster.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NAMESPACE)
                        .endMetadata()
                        .build())
                .createOr(NonDeletingOperation::update);
        cluster.apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(APPLICATION)
                        .addToLabels("app", APPLICATION)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(10)
                        .withNewSelector()
                        .addToMatchLabels("app", APPLICATION)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", APPLICATION)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("app")
                        .withImage("demo.local/shop:1.0")
                        .addNewPort()
                        .withName("http")
                        .withContainerPort(8080)
                        .endPort()
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .createOr(NonDeletingOperation::update);
        cluster.services()
                .inNamespace(NAMESPACE)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName(APPLICATION)
                        .endMetadata()
                        .withNewSpec()
                        .addToSelector("app", APPLICATION)
                        .addNewPort()
                        .withName("http")
                        .withPort(80)
                        .withNewTargetPort("http")
                        .endPort()
                        .endSpec()
                        .build())
                .createOr(NonDeletingOperation::update);
        DemoApplication app = DemoApplication.start(cluster, NAMESPACE, APPLICATION, stablePort, canaryPort);
        LoadGenerator load = LoadGenerator.start(cluster, NAMESPACE, APPLICATION, app, requestsPerSecond);
        return new DemoScenario(app, load, api, out);
    }

    /** A canary release of the demo application: 10% -> 25% -> 50% -> 100% with pauses. */
    public ObjectNode canaryRelease(String image, String pause) {
        ObjectNode body = release(image, app.canaryUrl(), app.stableUrl());
        ObjectNode strategy = body.putObject("strategy").put("type", "canary").put("stepDeadline", "1m");
        ArrayNode steps = strategy.putObject("canary").putArray("steps");
        for (int weight : new int[] {10, 25, 50}) {
            steps.addObject().put("setWeight", weight);
            steps.addObject().putObject("pause").put("duration", pause);
        }
        steps.addObject().put("setWeight", 100);
        body.putObject("trafficRouter").put("type", "replicaRatio");
        return body;
    }

    /** A blue-green release: preview, switch the Service, keep the old version for a while. */
    public ObjectNode blueGreenRelease(String image, String scaleDownDelay) {
        ObjectNode body = release(image, app.canaryUrl(), app.stableUrl());
        body.putObject("strategy")
                .put("type", "blueGreen")
                .put("stepDeadline", "1m")
                .putObject("blueGreen")
                .put("autoPromote", true)
                .put("scaleDownDelay", scaleDownDelay);
        return body;
    }

    /** A rolling update of the Deployment in place (the new version is judged where it runs), then a bake. */
    public ObjectNode rollingRelease(String image, String bakeTime) {
        ObjectNode body = release(image, app.stableUrl(), null);
        body.putObject("strategy")
                .put("type", "rolling")
                .put("stepDeadline", "1m")
                .putObject("rolling")
                .put("maxSurge", "25%")
                .put("maxUnavailable", "0")
                .put("bakeTime", bakeTime);
        return body;
    }

    private ObjectNode release(String image, String newVersionUrl, String stableUrl) {
        ObjectNode body = JSON.createObjectNode()
                .put("application", APPLICATION)
                .put("namespace", NAMESPACE)
                .put("image", image);
        ObjectNode slo = body.putObject("slo")
                .put("maxErrorRate", MAX_ERROR_RATE)
                .put("maxP95LatencyMs", MAX_P95_MS)
                .put("minRequestsPerWindow", MIN_REQUESTS_PER_WINDOW)
                .put("interval", INTERVAL_SECONDS + "s")
                .put("window", WINDOW_SECONDS + "s")
                .put("consecutiveFailures", CONSECUTIVE_FAILURES);
        ObjectNode source = slo.putObject("metricSource").put("type", "scrape");
        source.putArray("canaryEndpoints").add(newVersionUrl + "/metrics");
        if (stableUrl != null) {
            source.putArray("stableEndpoints").add(stableUrl + "/metrics");
        }
        ArrayNode notifications = body.putArray("notifications");
        notifications.addObject().put("type", "slack").put("channel", "#shop-releases");
        notifications
                .addObject()
                .put("type", "statuspage")
                .put("page", "local-page")
                .put("component", "shop-api");
        body.putObject("requestedBy").put("pipeline", "local-demo").put("changeUrl", "https://example.com/shop/pull/1");
        return body;
    }

    /** The demo releases' SLO in words, for reports that measure against it. */
    public static String sloSummary() {
        return String.format(
                Locale.ROOT,
                "error rate <= %.0f%%, p95 <= %d ms, judged every %d s by a sequential "
                        + "test (breach at a likelihood ratio of 1000:1 over >= %d requests, %d verdict(s) in a row; %d s "
                        + "window for the values shown)",
                MAX_ERROR_RATE * 100,
                MAX_P95_MS,
                INTERVAL_SECONDS,
                MIN_REQUESTS_PER_WINDOW,
                CONSECUTIVE_FAILURES,
                WINDOW_SECONDS);
    }

    /** The demo releases' window in seconds: how long a fault takes to be a whole window. */
    public static int windowSeconds() {
        return WINDOW_SECONDS;
    }

    public ReleaseApiClient api() {
        return api;
    }

    /** Runs one release to its end and prints how it went. */
    public JsonNode run(String title, ObjectNode release) throws IOException, InterruptedException {
        out.println("\n== " + title + " ==");
        String id = api.request(release);
        JsonNode detail = api.awaitOutcome(id, Duration.ofMinutes(5));
        JsonNode summary = detail.path("release");
        out.printf(
                "%n  -> release %s ended %s%s%n",
                id,
                summary.path("state").asText(),
                summary.hasNonNull("reason") ? ": " + summary.path("reason").asText() : "");
        JsonNode evidence = detail.at("/lastHealth/evidence");
        if (evidence.isArray()) {
            for (JsonNode e : evidence) {
                // Pod failures are counted over the new version's pods, not over requests.
                String counted = "podFailures".equals(e.path("metric").asText()) ? "pods" : "requests";
                out.printf(
                        "     evidence: %s (%s) observed %s, threshold %s, baseline %s, window %s, %s %s%n",
                        e.path("metric").asText(),
                        e.path("comparison").asText(),
                        number(e.path("observed")),
                        number(e.path("threshold")),
                        number(e.path("baseline")),
                        e.path("window").asText(),
                        e.path("samples").asText(),
                        counted);
            }
        }
        return detail;
    }

    /** Three significant digits are what a person reads: 3104.9034391749997 ms is 3105 ms. */
    private static String number(JsonNode value) {
        if (!value.isNumber()) {
            return "-";
        }
        double v = value.asDouble();
        return Math.abs(v) >= 100
                ? String.format(java.util.Locale.ROOT, "%.0f", v)
                : new java.math.BigDecimal(v)
                        .round(new java.math.MathContext(3))
                        .stripTrailingZeros()
                        .toPlainString();
    }

    public DemoApplication app() {
        return app;
    }

    public LoadGenerator load() {
        return load;
    }

    @Override
    public void close() {
        load.close();
        app.close();
    }
}
