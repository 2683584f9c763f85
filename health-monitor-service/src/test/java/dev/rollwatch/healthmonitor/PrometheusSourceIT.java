package dev.rollwatch.healthmonitor;

import static dev.rollwatch.healthmonitor.support.Watching.awaitVerdicts;
import static dev.rollwatch.healthmonitor.support.Watching.prometheus;
import static dev.rollwatch.healthmonitor.support.Watching.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.HealthWarning;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.Topics;
import dev.rollwatch.healthmonitor.support.InstrumentedService;
import dev.rollwatch.healthmonitor.support.InternalService;
import dev.rollwatch.healthmonitor.support.PrometheusServer;
import dev.rollwatch.healthmonitor.support.ReservedPrometheusPorts;
import dev.rollwatch.healthmonitor.support.TrafficGenerator;
import dev.rollwatch.healthmonitor.support.WatchedReleases;
import dev.rollwatch.healthmonitor.support.Watching;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus source against a real Prometheus server scraping real instrumented services every
 * second, with real HTTP traffic: a bad canary is caught, a good one is left alone, a quiet one is
 * not judged, and a Prometheus outage holds the release instead of rolling it back.
 */
@QuarkusTest
class PrometheusSourceIT extends WatchedReleases {

    private static final Duration TRAFFIC_FOR = Duration.ofMinutes(3);

    private static InstrumentedService stable;
    private static InstrumentedService badCanary;
    private static InstrumentedService goodCanary;
    private static InstrumentedService quietCanary;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void startServicesAndPrometheus() {
        stable = keep(InstrumentedService.start(0.002, 5));
        badCanary = keep(InstrumentedService.start(0.3, 400));
        goodCanary = keep(InstrumentedService.start(0.004, 5));
        quietCanary = keep(InstrumentedService.start(1.0, 5));
        prometheus = keep(PrometheusServer.start(
                ReservedPrometheusPorts.port(0),
                List.of(
                        target(badCanary, "checkout-bad", "canary"), target(stable, "checkout-bad", "stable"),
                        target(goodCanary, "checkout-good", "canary"), target(stable, "checkout-good", "stable"),
                        target(quietCanary, "checkout-quiet", "canary"), target(stable, "checkout-quiet", "stable"))));
        keep(TrafficGenerator.start(stable.workUrl(), 60, TRAFFIC_FOR));
        keep(TrafficGenerator.start(badCanary.workUrl(), 40, TRAFFIC_FOR));
        keep(TrafficGenerator.start(goodCanary.workUrl(), 40, TRAFFIC_FOR));
        keep(TrafficGenerator.start(quietCanary.workUrl(), 1, TRAFFIC_FOR));
    }

    private static PrometheusServer.Target target(InstrumentedService service, String app, String track) {
        return new PrometheusServer.Target(service.hostPort(), Map.of("namespace", "shop", "app", app, "track", track));
    }

    /** 1 s interval, 5 s window, 20 requests needed per window, 3 bad windows make a breach. */
    private static Slo slo(String address, Double maxP95LatencyMs) {
        return new Slo(null, maxP95LatencyMs, null, null, 20, "1s", "5s", 3, prometheus(address));
    }

    private String watch(String application, Slo slo) {
        return watch(release(application, slo), 10);
    }

    @Test
    void detectsADegradedCanaryAndReportsTheBreachOnceWithItsEvidence() {
        String id = watch("checkout-bad", slo(prometheus.address(), 300.0));

        HealthDegraded degraded = (HealthDegraded)
                recorder.awaitEvent(Topics.HEALTH_DEGRADED, id, e -> true).data();

        assertThat(degraded.consecutiveWindows()).isEqualTo(3);
        assertThat(degraded.sourceType()).isEqualTo("prometheus");
        assertThat(degraded.canaryWeight()).isEqualTo(10);
        assertThat(degraded.breachStartedAt()).isBefore(degraded.detectedAt());
        assertThat(degraded.evidence())
                .filteredOn(e -> e.comparison() == Evidence.Comparison.ABSOLUTE)
                .extracting(Evidence::metric)
                .containsExactlyInAnyOrder("errorRate", "latencyP95");
        // Against the stable version too: the default 50% regression limit applies wherever there is a baseline.
        assertThat(degraded.evidence())
                .filteredOn(e -> e.comparison() == Evidence.Comparison.RELATIVE)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.baseline()).isNotNull());
        Evidence errors = absolute(degraded, "errorRate");
        assertThat(errors.query())
                .contains(
                        "http_server_requests_seconds_count",
                        "app=\"checkout-bad\"",
                        "track=~\"canary\"",
                        "status=~\"5..\"",
                        "[5s]");
        assertThat(errors.window()).isEqualTo("5s");
        assertThat(errors.observed()).isBetween(0.2, 0.4);
        assertThat(errors.baseline()).isLessThan(0.05);
        assertThat(errors.threshold()).isEqualTo(0.05);
        assertThat(errors.comparison()).isEqualTo(Evidence.Comparison.ABSOLUTE);
        assertThat(errors.samples()).isGreaterThanOrEqualTo(20);
        Evidence latency = absolute(degraded, "latencyP95");
        assertThat(latency.query()).startsWith("histogram_quantile(0.95");
        assertThat(latency.observed()).isGreaterThan(300);
        assertThat(latency.baseline()).isLessThan(100);
        assertThat(degraded.summary())
                .contains(
                        "error rate", "requests failed, likelihood ratio", "over the bound at 3 evaluations in a row");

        // The canary stays bad: more DEGRADED windows, still one health.degraded.
        int degradedSoFar = (int) Watching.count(id, "DEGRADED");
        awaitVerdicts(id, "DEGRADED", degradedSoFar + 3, Duration.ofSeconds(20));
        assertThat(recorder.events(Topics.HEALTH_DEGRADED, id)).hasSize(1);
        assertThat(Watching.watch(id).getInt("breaches")).isEqualTo(1);
    }

    private static Evidence absolute(HealthDegraded degraded, String metric) {
        return degraded.evidence().stream()
                .filter(e -> e.metric().equals(metric) && e.comparison() == Evidence.Comparison.ABSOLUTE)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void neverRollsBackAHealthyCanary() {
        String id = watch("checkout-good", slo(prometheus.address(), null));

        awaitVerdicts(id, "HEALTHY", 6, Duration.ofSeconds(30));

        assertThat(Watching.verdicts(id)).doesNotContain("DEGRADED");
        assertThat(recorder.events(Topics.HEALTH_DEGRADED, id)).isEmpty();
        var latest = Watching.watch(id);
        assertThat(latest.getList("verdicts[0].evidence.metric", String.class)).contains("errorRate", "latencyP95");
        assertThat(latest.getDouble("verdicts[0].evidence[0].observed")).isLessThan(0.05);
        assertThat(latest.getString("verdicts[0].evidence[0].baseline")).isNotNull();
    }

    @Test
    void reportsLowTrafficAsInsufficientDataEvenWhenEveryRequestFails() {
        String id = watch("checkout-quiet", slo(prometheus.address(), null));

        awaitVerdicts(id, "INSUFFICIENT_DATA", 4, Duration.ofSeconds(30));

        assertThat(Watching.verdicts(id)).doesNotContain("DEGRADED", "HEALTHY");
        assertThat(Watching.watch(id).getString("verdicts[0].reason")).contains("fewer than the 20 needed to judge");
        assertThat(recorder.events(Topics.HEALTH_DEGRADED, id)).isEmpty();
    }

    @Test
    void prometheusGoingDownIsUnknownAndHoldsTheReleaseWithoutARollback() {
        PrometheusServer failing = PrometheusServer.start(
                ReservedPrometheusPorts.port(1),
                List.of(target(goodCanary, "checkout-good", "canary"), target(stable, "checkout-good", "stable")));
        String id;
        Instant down;
        try {
            id = watch("checkout-good", slo(failing.address(), null));
            awaitVerdicts(id, "HEALTHY", 2, Duration.ofSeconds(30));
        } finally {
            down = Instant.now();
            failing.close();
        }

        awaitVerdicts(id, "UNKNOWN", 3, Duration.ofSeconds(20));
        HealthWarning warning = (HealthWarning) recorder.awaitEvent(
                        Topics.HEALTH_WARNING,
                        id,
                        e -> !((HealthWarning) e.data()).since().isBefore(down))
                .data();
        ReleaseCommand hold = (ReleaseCommand)
                recorder.awaitEvent(Topics.RELEASE_COMMANDS, id, e -> !e.time().isBefore(down))
                        .data();

        assertThat(warning.verdict()).isEqualTo(HealthWarning.Verdict.UNKNOWN);
        assertThat(warning.holdRequested()).isTrue();
        assertThat(warning.sourceType()).isEqualTo("prometheus");
        assertThat(warning.message()).contains("could not be measured", failing.address());
        assertThat(hold.command()).isEqualTo(ReleaseCommand.Command.PAUSE);
        assertThat(hold.requestedBy()).isEqualTo("health-monitor-service");
        assertThat(Watching.watch(id).getString("verdicts[0].reason")).contains("canary not measurable");
        assertThat(recorder.events(Topics.HEALTH_DEGRADED, id)).isEmpty();
    }

    @Test
    void aReleaseNamingAPrometheusTheInstallationDoesNotAllowIsNotQueried() {
        // Any address inside the cluster a releaser might name instead of Prometheus.
        try (InternalService internal = InternalService.start()) {
            String id = watch("checkout-good", slo(internal.address(), null));

            awaitVerdicts(id, "UNKNOWN", 3, Duration.ofSeconds(20));
            HealthWarning warning = (HealthWarning)
                    recorder.awaitEvent(Topics.HEALTH_WARNING, id, e -> true).data();

            assertThat(internal.requests())
                    .as("requests the internal service got")
                    .isZero();
            assertThat(Watching.watch(id).getString("verdicts[0].reason"))
                    .contains("the Prometheus address " + internal.address() + " is not allowed by the installation");
            assertThat(warning.message()).contains("is not allowed by the installation");
            assertThat(Watching.verdicts(id)).containsOnly("UNKNOWN");
        }
    }

    @Test
    void whatAnAllowedAddressAnswersIsNeverRepeatedInVerdictsOrWarnings() {
        // An allowed address that answers with a secret: a JSON error, a 404 page.
        try (InternalService lying = InternalService.start("127.0.0.1", ReservedPrometheusPorts.port(2))) {
            String id = watch("checkout-good", slo(lying.address(), null));

            awaitVerdicts(id, "UNKNOWN", 3, Duration.ofSeconds(20));
            HealthWarning warning = (HealthWarning)
                    recorder.awaitEvent(Topics.HEALTH_WARNING, id, e -> true).data();

            assertThat(lying.requests()).as("it was asked").isPositive();
            String watchApi = Watching.api()
                    .queryParam("verdicts", 200)
                    .get("/api/v1/watches/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(watchApi).contains("Prometheus rejected the query").doesNotContain("hunter2", "db_password");
            assertThat(warning.message()).doesNotContain("hunter2", "db_password");
            assertThat(recorder.events(Topics.HEALTH_DEGRADED, id)).isEmpty();
        }
    }

    @Test
    void aReleasesOwnQueriesAreIgnoredUnlessTheInstallationAllowsThem() {
        // "vector(0)" would make every window of the bad canary look healthy.
        Slo own = slo(prometheus.address(), 300.0);
        Slo.MetricSource lenient = new Slo.MetricSource(
                Slo.MetricSource.Type.PROMETHEUS,
                prometheus.address(),
                Map.of("errorRate", "vector(0)", "latencyP95", "vector(0)"),
                null,
                null);
        String id = watch(
                "checkout-bad",
                new Slo(
                        own.maxErrorRate(),
                        own.maxP95LatencyMs(),
                        null,
                        null,
                        own.minRequestsPerWindow(),
                        own.interval(),
                        own.window(),
                        own.consecutiveFailures(),
                        lenient));

        HealthDegraded degraded = (HealthDegraded)
                recorder.awaitEvent(Topics.HEALTH_DEGRADED, id, e -> true).data();

        assertThat(absolute(degraded, "errorRate").query())
                .contains("status=~\"5..\"")
                .isNotEqualTo("vector(0)");
        assertThat(absolute(degraded, "errorRate").observed()).isGreaterThan(0.05);
    }
}
