package dev.rollwatch.healthmonitor;

import static dev.rollwatch.healthmonitor.support.Watching.awaitVerdicts;
import static dev.rollwatch.healthmonitor.support.Watching.release;
import static dev.rollwatch.healthmonitor.support.Watching.scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.HealthPassed;
import dev.rollwatch.events.HealthWarning;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.Weights;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.healthmonitor.support.InstrumentedService;
import dev.rollwatch.healthmonitor.support.InternalService;
import dev.rollwatch.healthmonitor.support.LoopbackPod;
import dev.rollwatch.healthmonitor.support.TrafficGenerator;
import dev.rollwatch.healthmonitor.support.WatchedReleases;
import dev.rollwatch.healthmonitor.support.Watching;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scrape source against real metrics endpoints under real HTTP traffic: it reads the canary's and
 * the stable's endpoints every interval and judges its own sliding windows, so a fault is caught
 * within a few intervals of starting, without any Prometheus. The endpoints listen on 127.0.0.1, the
 * IP of a pod of the releases' namespace on the mock Kubernetes API ({@link LoopbackPod}).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ScrapeSourceIT extends WatchedReleases {

    private static final Duration TRAFFIC_FOR = Duration.ofMinutes(3);

    private static InstrumentedService stable;
    private static InstrumentedService errorCanary;
    private static InstrumentedService slowCanary;
    private static InstrumentedService goodCanary;
    private static InstrumentedService quietCanary;

    @BeforeAll
    static void startServices() {
        stable = keep(InstrumentedService.start(0.002, 5));
        errorCanary = keep(InstrumentedService.start(0.0, 5));
        slowCanary = keep(InstrumentedService.start(0.0, 5));
        goodCanary = keep(InstrumentedService.start(0.004, 5));
        quietCanary = keep(InstrumentedService.start(1.0, 5));
        keep(TrafficGenerator.start(stable.workUrl(), 50, TRAFFIC_FOR));
        keep(TrafficGenerator.start(errorCanary.workUrl(), 50, TRAFFIC_FOR));
        keep(TrafficGenerator.start(slowCanary.workUrl(), 50, TRAFFIC_FOR));
        keep(TrafficGenerator.start(goodCanary.workUrl(), 50, TRAFFIC_FOR));
        keep(TrafficGenerator.start(quietCanary.workUrl(), 1, TRAFFIC_FOR));
    }

    @Inject
    KubernetesClient kubernetes;

    @BeforeEach
    void endpointsAreOnAPodOfTheNamespace() {
        LoopbackPod.ensure(kubernetes);
    }

    /** 1 s interval, 2 s window, 10 requests needed per window, 2 bad windows make a breach. */
    private static Slo slo(List<String> canary, Double maxP95LatencyMs) {
        return new Slo(
                null, maxP95LatencyMs, null, null, 10, "1s", "2s", 2, scrape(canary, List.of(stable.metricsUrl())));
    }

    /**
     * How many evaluations saw the fault (their window ended after it started) up to and including the one
     * that declared the breach. Counted in windows rather than wall time, so a slow machine does not fail it.
     */
    private static long evaluationsUntilBreach(String id, Instant faultStarted, HealthDegraded degraded) {
        var watch = Watching.watch(id);
        List<Instant> windowEnds = watch.getList("verdicts.windowEnd", String.class).stream()
                .map(Instant::parse)
                .toList();
        List<Instant> evaluated = watch.getList("verdicts.evaluatedAt", String.class).stream()
                .map(Instant::parse)
                .toList();
        Instant breach = degraded.detectedAt().truncatedTo(ChronoUnit.MILLIS);
        return IntStream.range(0, windowEnds.size())
                .filter(i -> windowEnds.get(i).isAfter(faultStarted)
                        && !evaluated.get(i).truncatedTo(ChronoUnit.MILLIS).isAfter(breach))
                .count();
    }

    private String watch(String application, Slo slo) {
        return watch(release(application, slo), 20);
    }

    @Test
    void detectsAnErrorFaultWithinThreeIntervalsOfItStarting() {
        String id = watch("checkout", slo(List.of(errorCanary.metricsUrl()), null));
        awaitVerdicts(id, "HEALTHY", 2, Duration.ofSeconds(20));

        Instant faultStarted = Instant.now();
        errorCanary.behave(0.5, 5);
        HealthDegraded degraded = (HealthDegraded)
                recorder.awaitEvent(Topics.HEALTH_DEGRADED, id, e -> true).data();

        assertThat(evaluationsUntilBreach(id, faultStarted, degraded)).isLessThanOrEqualTo(3);
        assertThat(degraded.sourceType()).isEqualTo("scrape");
        assertThat(degraded.consecutiveWindows()).isEqualTo(2);
        assertThat(degraded.canaryWeight()).isEqualTo(20);
        // The absolute limit (the comparison with the stable version may break in the same evaluation).
        assertThat(degraded.evidence())
                .filteredOn(e -> e.comparison() == Evidence.Comparison.ABSOLUTE)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.metric()).isEqualTo("errorRate");
                    assertThat(e.query()).contains(errorCanary.metricsUrl(), "http_server_requests_seconds_count");
                    assertThat(e.window()).isEqualTo("2s");
                    assertThat(e.observed()).isGreaterThan(0.05);
                    assertThat(e.baseline()).isLessThan(0.05);
                    assertThat(e.comparison()).isEqualTo(Evidence.Comparison.ABSOLUTE);
                    assertThat(e.samples()).isGreaterThanOrEqualTo(10);
                });
    }

    @Test
    void detectsALatencyFaultFromTheHistogramWithinThreeIntervals() {
        String id = watch("checkout", slo(List.of(slowCanary.metricsUrl()), 300.0));
        awaitVerdicts(id, "HEALTHY", 2, Duration.ofSeconds(20));

        Instant faultStarted = Instant.now();
        slowCanary.behave(0.0, 600);
        HealthDegraded degraded = (HealthDegraded)
                recorder.awaitEvent(Topics.HEALTH_DEGRADED, id, e -> true).data();

        // A slow request is only counted once it completes, 600 ms in: one more window may pass first.
        assertThat(evaluationsUntilBreach(id, faultStarted, degraded)).isLessThanOrEqualTo(4);
        assertThat(degraded.evidence()).extracting(Evidence::metric).contains("latencyP95");
        Evidence p95 = degraded.evidence().stream()
                .filter(e -> e.metric().equals("latencyP95"))
                .findFirst()
                .orElseThrow();
        assertThat(p95.query()).contains("histogram_quantile(0.95", "http_server_requests_seconds_bucket");
        assertThat(p95.observed()).isGreaterThan(300);
        assertThat(p95.baseline()).isLessThan(100);
    }

    @Test
    void aBlueGreenReleaseSlowerThanThePreviousVersionBeforeItsSwitchIsDegraded() {
        // Blue answers in 5 ms and serves everyone until the switch; green takes 150 ms: far within the
        // 2 s limit, but thirty times slower than what it replaces. Only the baseline can tell.
        InstrumentedService blue = keep(InstrumentedService.start(0.0, 5));
        InstrumentedService green = keep(InstrumentedService.start(0.0, 150));
        TrafficGenerator toBlue = keep(TrafficGenerator.start(blue.workUrl(), 50, TRAFFIC_FOR));
        ReleaseRequested release = ReleaseRequestBuilder.blueGreen()
                .application("payments")
                .slo(new Slo(
                        null,
                        null,
                        null,
                        null,
                        10,
                        "1s",
                        "2s",
                        1,
                        scrape(List.of(green.metricsUrl()), List.of(blue.metricsUrl()))))
                .build();
        String id = release.releaseId();
        kafka.send(Watching.event("release-service", release));
        await("the previous version measured before the switch")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> Watching.watch(id).getLong("preSwitchBaseline.requests") >= 10);

        toBlue.close();
        keep(TrafficGenerator.start(green.workUrl(), 50, TRAFFIC_FOR));
        Instant t = Instant.now();
        kafka.send(Watching.event(
                "executor-service",
                new StepCompleted(
                        id,
                        1,
                        3,
                        StepCompleted.Action.SWITCH_TRAFFIC,
                        StepCompleted.Outcome.SUCCEEDED,
                        StepCompleted.Phase.PROGRESSING,
                        Weights.canary(100),
                        t,
                        t,
                        null,
                        EventFixtures.STABLE)));
        HealthDegraded degraded;
        try {
            degraded = (HealthDegraded)
                    recorder.awaitEvent(Topics.HEALTH_DEGRADED, id, e -> true).data();
        } finally {
            Watching.promote(kafka, id);
        }

        Evidence p95 = degraded.evidence().stream()
                .filter(e -> e.metric().equals("latencyP95"))
                .findFirst()
                .orElseThrow();
        assertThat(p95.comparison()).isEqualTo(Evidence.Comparison.RELATIVE);
        assertThat(p95.baseline())
                .as("the previous version's p95 before the switch")
                .isLessThan(50);
        assertThat(p95.observed()).isGreaterThan(100);
        assertThat(degraded.summary()).contains("the previous version before the switch");
    }

    @Test
    void neverRollsBackAHealthyCanary() {
        String id = watch("checkout", slo(List.of(goodCanary.metricsUrl()), null));

        awaitVerdicts(id, "HEALTHY", 6, Duration.ofSeconds(20));

        assertThat(Watching.verdicts(id)).doesNotContain("DEGRADED");
        assertThat(recorder.events(Topics.HEALTH_DEGRADED, id)).isEmpty();
    }

    @Test
    void tellsTheExecutorOnceThatTheNewVersionIsHealthyAtItsWeight() {
        String id = watch("checkout", slo(List.of(goodCanary.metricsUrl()), null));

        HealthPassed passed = (HealthPassed)
                recorder.awaitEvent(Topics.HEALTH_PASSED, id, e -> true).data();
        awaitVerdicts(id, "HEALTHY", 4, Duration.ofSeconds(20));

        assertThat(passed.canaryWeight()).as("the weight the release is at").isEqualTo(20);
        assertThat(passed.sourceType()).isEqualTo("scrape");
        assertThat(passed.summary()).startsWith("all SLOs met: error rate ");
        assertThat(passed.evidence()).first().satisfies(e -> {
            assertThat(e.statistic().test()).isEqualTo(Evidence.Statistic.Test.CONFIDENCE_BOUND);
            assertThat(e.statistic().upperBound()).isLessThan(e.threshold());
        });
        assertThat(recorder.events(Topics.HEALTH_PASSED, id))
                .as("one per weight")
                .hasSize(1);
    }

    @Test
    void reportsLowTrafficAsInsufficientDataEvenWhenEveryRequestFails() {
        String id = watch("checkout", slo(List.of(quietCanary.metricsUrl()), null));

        awaitVerdicts(id, "INSUFFICIENT_DATA", 4, Duration.ofSeconds(20));

        assertThat(Watching.verdicts(id)).doesNotContain("DEGRADED", "HEALTHY");
        assertThat(recorder.events(Topics.HEALTH_DEGRADED, id)).isEmpty();
    }

    @Test
    void anUnreachableEndpointIsUnknownAndHoldsTheReleaseWithoutARollback() throws IOException {
        String nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = "http://127.0.0.1:" + socket.getLocalPort() + "/metrics";
        }
        String id = watch("checkout", slo(List.of(nowhere), null));

        awaitVerdicts(id, "UNKNOWN", 3, Duration.ofSeconds(20));
        HealthWarning warning = (HealthWarning)
                recorder.awaitEvent(Topics.HEALTH_WARNING, id, e -> true).data();
        ReleaseCommand hold = (ReleaseCommand)
                recorder.awaitEvent(Topics.RELEASE_COMMANDS, id, e -> true).data();

        assertThat(warning.verdict()).isEqualTo(HealthWarning.Verdict.UNKNOWN);
        assertThat(warning.sourceType()).isEqualTo("scrape");
        assertThat(warning.holdRequested()).isTrue();
        assertThat(warning.message()).contains(nowhere);
        assertThat(hold.command()).isEqualTo(ReleaseCommand.Command.PAUSE);
        assertThat(hold.requestedBy()).isEqualTo("health-monitor-service");
        assertThat(Watching.verdicts(id)).containsOnly("UNKNOWN");
        assertThat(recorder.events(Topics.HEALTH_DEGRADED, id)).isEmpty();
    }

    @Test
    void aReleaseThatAsksToBeRolledBackWhenUnjudgedIsAbortedByTheWarningNotHeld() throws IOException {
        String nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = "http://127.0.0.1:" + socket.getLocalPort() + "/metrics";
        }
        Slo unjudgedRollsBack = slo(List.of(nowhere), null);
        unjudgedRollsBack = new Slo(
                unjudgedRollsBack.maxErrorRate(),
                unjudgedRollsBack.maxP95LatencyMs(),
                null,
                null,
                unjudgedRollsBack.minRequestsPerWindow(),
                unjudgedRollsBack.interval(),
                unjudgedRollsBack.window(),
                unjudgedRollsBack.consecutiveFailures(),
                unjudgedRollsBack.metricSource(),
                Slo.WhenUnjudged.ROLLBACK);
        String id = watch("checkout", unjudgedRollsBack);

        HealthWarning warning = (HealthWarning)
                recorder.awaitEvent(Topics.HEALTH_WARNING, id, e -> true).data();
        ReleaseCommand abort = (ReleaseCommand)
                recorder.awaitEvent(Topics.RELEASE_COMMANDS, id, e -> true).data();

        assertThat(warning.holdRequested()).isFalse();
        assertThat(abort.command()).isEqualTo(ReleaseCommand.Command.ABORT);
        assertThat(abort.requestedBy()).isEqualTo("health-monitor-service");
        assertThat(abort.reason())
                .startsWith("rolled back as the release asks (slo.whenUnjudged: rollback): "
                        + "the new version could not be measured for");
        assertThat(recorder.events(Topics.RELEASE_COMMANDS, id)).hasSize(1);
        assertThat(recorder.events(Topics.HEALTH_DEGRADED, id))
                .as("nothing was found wrong with it")
                .isEmpty();
    }

    @Test
    void anEndpointThatDoesNotAnswerInTimeIsUnknownAfterTheConfiguredScrapeTimeout() throws IOException {
        // Accepts connections (the backlog does) but never answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String silentUrl = "http://127.0.0.1:" + silent.getLocalPort() + "/metrics";
            String id = watch("checkout", slo(List.of(silentUrl), null));

            awaitVerdicts(id, "UNKNOWN", 2, Duration.ofSeconds(20));

            // 500 ms in the test profile (rollwatch.health.scrape.timeout), shorter than the 1 s interval.
            assertThat(Watching.watch(id).getString("verdicts[0].reason"))
                    .contains(silentUrl + ": did not answer within 500 ms");
            assertThat(Watching.verdicts(id)).containsOnly("UNKNOWN");
        }
    }

    @Test
    void anEndpointThatIsNotOnAPodOfTheReleasesNamespaceIsNotScraped() {
        // 127.0.0.2 is loopback too, but no pod of namespace shop has that IP.
        try (InternalService internal = InternalService.start("127.0.0.2", 0)) {
            String id = watch("checkout", slo(List.of(internal.url("/secret")), null));

            awaitVerdicts(id, "UNKNOWN", 3, Duration.ofSeconds(20));

            assertThat(internal.requests())
                    .as("requests the internal service got")
                    .isZero();
            assertThat(Watching.watch(id).getString("verdicts[0].reason"))
                    .contains(internal.url("/secret") + ": not the address of a pod in namespace shop, so not scraped");
        }
    }

    @Test
    void whatAnEndpointServesInsteadOfMetricsIsShownNowhere() {
        try (InternalService internal = InternalService.start()) {
            String id = watch(
                    "checkout",
                    slo(List.of(internal.url("/secret"), internal.url("/missing"), internal.url("/endless")), null));

            awaitVerdicts(id, "UNKNOWN", 3, Duration.ofSeconds(20));
            HealthWarning warning = (HealthWarning)
                    recorder.awaitEvent(Topics.HEALTH_WARNING, id, e -> true).data();

            assertThat(internal.requests()).as("it was scraped").isPositive();
            String watchApi = Watching.api()
                    .queryParam("verdicts", 200)
                    .get("/api/v1/watches/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(watchApi).contains("all 3 canary endpoints failed").doesNotContain("hunter2", "db_password");
            assertThat(warning.message()).doesNotContain("hunter2", "db_password");
            assertThat(recorder.events(Topics.HEALTH_DEGRADED, id)).isEmpty();
        }
    }

    @Test
    void aMetricsPageLargerThanTheInstallationAllowsIsAFailedScrape() {
        try (InternalService internal = InternalService.start()) {
            String endless = internal.url("/endless");
            String id = watch("checkout", slo(List.of(endless), null));

            awaitVerdicts(id, "UNKNOWN", 2, Duration.ofSeconds(20));

            assertThat(Watching.watch(id).getString("verdicts[0].reason"))
                    .contains(endless + ": answered more than 4 MiB, the installation's limit");
        }
    }
}
