package dev.rollwatch.healthmonitor;

import static dev.rollwatch.healthmonitor.support.Watching.awaitState;
import static dev.rollwatch.healthmonitor.support.Watching.event;
import static dev.rollwatch.healthmonitor.support.Watching.release;
import static dev.rollwatch.healthmonitor.support.Watching.scrape;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.rollwatch.eventing.ReactiveWork;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.Weights;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.healthmonitor.domain.WatchState;
import dev.rollwatch.healthmonitor.persistence.ScrapeSampleRepository;
import dev.rollwatch.healthmonitor.persistence.WatchRepository;
import dev.rollwatch.healthmonitor.source.MetricSources;
import dev.rollwatch.healthmonitor.support.InstrumentedService;
import dev.rollwatch.healthmonitor.support.LoopbackPod;
import dev.rollwatch.healthmonitor.support.Watching;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When a release is watched, driven by the other services' events on real Kafka, with watches in PostgreSQL. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class WatchLifecycleIT {

    @Inject
    KubernetesClient kubernetes;

    @Inject
    MeterRegistry registry;

    private static InstrumentedService service;

    @Inject
    MetricSources sources;

    @Inject
    WatchRepository watches;

    @Inject
    ScrapeSampleRepository scrapeSamples;

    @Inject
    Vertx vertx;

    private KafkaTestClient kafka;
    private TopicRecorder recorder;

    @BeforeAll
    static void startService() {
        service = InstrumentedService.start(0.0, 1);
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void endpointsAreOnAPodOfTheNamespace() {
        // The instrumented service listens on 127.0.0.1, a pod's IP in namespace shop.
        LoopbackPod.ensure(kubernetes);
    }

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        recorder = kafka.record(Topics.RELEASE_REQUESTED + ".dlq", Topics.STEP_COMPLETED + ".dlq");
    }

    @AfterEach
    void tearDown() {
        recorder.close();
        kafka.close();
    }

    private static ReleaseRequested scraped() {
        return release(
                "checkout",
                new Slo(
                        null,
                        null,
                        null,
                        null,
                        1,
                        "1s",
                        "2s",
                        3,
                        scrape(List.of(service.metricsUrl()), List.of(service.metricsUrl()))));
    }

    private static long evaluations(String id) {
        return Watching.watch(id).getLong("evaluations");
    }

    @Test
    void watchesOnceTheCanaryTakesTrafficAndStopsWhenTheReleaseIsPromoted() {
        ReleaseRequested release = scraped();
        String id = release.releaseId();
        kafka.send(event("release-service", release));
        awaitState(id, "WAITING_FOR_TRAFFIC");

        kafka.send(event("executor-service", EventFixtures.weightSet(id, 0, 4, 10)));
        awaitState(id, "WATCHING");
        await().atMost(Duration.ofSeconds(10)).until(() -> evaluations(id) >= 2);
        assertThat(Watching.watch(id).getInt("canaryWeight")).isEqualTo(10);
        assertThat(Watching.watch(id).getLong("slo.windowMs")).isEqualTo(2000);

        Watching.promote(kafka, id);
        awaitState(id, "ENDED");
        long afterEnd = evaluations(id);
        // For two and a half more intervals: an ended watch is never evaluated again.
        await().during(Duration.ofMillis(2500))
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> evaluations(id) == afterEnd);
        assertThat(Watching.watch(id).getString("endReason")).isEqualTo("release completed");
    }

    @Test
    void aStepThatOvertakesItsReleaseRequestStillStartsTheWatch() {
        ReleaseRequested release = scraped();
        String id = release.releaseId();

        kafka.send(event("executor-service", EventFixtures.weightSet(id, 0, 4, 25)));
        awaitState(id, "AWAITING_REQUEST");
        kafka.send(event("release-service", release));

        awaitState(id, "WATCHING");
        assertThat(Watching.watch(id).getInt("canaryWeight")).isEqualTo(25);
        Watching.promote(kafka, id);
    }

    @Test
    void aRollbackDecisionEndsTheWatchAndALateStepDoesNotRestartIt() {
        ReleaseRequested release = scraped();
        String id = release.releaseId();
        Watching.start(kafka, release, 10);
        awaitState(id, "WATCHING");

        kafka.send(event(
                "rollback-service", EventFixtures.rollbackTriggered(id, RollbackTriggered.Reason.HEALTH_DEGRADED)));
        awaitState(id, "ENDED");
        kafka.send(event("executor-service", EventFixtures.weightSet(id, 2, 4, 50)));
        kafka.send(event("executor-service", EventFixtures.rolledBack(id, 4)));

        // A malformed record behind them on the same topic and key: once it is dead-lettered, both were consumed.
        kafka.sendRaw(
                Topics.STEP_COMPLETED,
                id,
                Map.of("ce_specversion", "1.0", "ce_type", "dev.rollwatch.step.completed.v1"),
                "{\"not\": \"a step\"}");
        recorder.awaitRecord(Topics.STEP_COMPLETED + ".dlq", id);

        assertThat(Watching.watch(id).getString("state")).isEqualTo("ENDED");
        assertThat(Watching.watch(id).getString("endReason")).isEqualTo("rollback triggered");
    }

    @Test
    void aBlueGreenPreviewIsWatchedFromTheSwitchOn() {
        ReleaseRequested release =
                ReleaseRequestBuilder.blueGreen().slo(scraped().slo()).build();
        String id = release.releaseId();
        kafka.send(event("release-service", release));
        Instant t = Instant.now();
        kafka.send(event(
                "executor-service",
                new StepCompleted(
                        id,
                        0,
                        3,
                        StepCompleted.Action.DEPLOY_PREVIEW,
                        StepCompleted.Outcome.SUCCEEDED,
                        StepCompleted.Phase.PROGRESSING,
                        Weights.ALL_STABLE,
                        t,
                        t,
                        null,
                        EventFixtures.STABLE)));
        awaitState(id, "WAITING_FOR_TRAFFIC");

        kafka.send(event(
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

        awaitState(id, "WATCHING");
        assertThat(Watching.watch(id).getInt("canaryWeight")).isEqualTo(100);
        Watching.promote(kafka, id);
    }

    @Test
    void aReleaseAskingForLooserSlosThanTheHardLimitsGetsTheLimits() {
        ReleaseRequested release = release(
                "checkout",
                new Slo(0.25, 9000.0, null, null, 5, "1s", "2s", 3, scrape(List.of(service.metricsUrl()), null)));
        kafka.send(event("release-service", release));
        awaitState(release.releaseId(), "WAITING_FOR_TRAFFIC");

        var slo = Watching.watch(release.releaseId());
        assertThat(slo.getDouble("slo.maxErrorRate")).isEqualTo(0.05);
        assertThat(slo.getDouble("slo.maxP95LatencyMs")).isEqualTo(2000);
        assertThat(slo.getInt("slo.minRequestsPerWindow")).isEqualTo(5);
    }

    @Test
    void aReleaseWithoutAMetricSourceIsNotWatched() {
        ReleaseRequested release = release("checkout", new Slo(0.01, null, null, null, null, null, null, null, null));
        String id = release.releaseId();
        Watching.start(kafka, release, 10);

        awaitState(id, "ENDED");
        assertThat(Watching.watch(id).getString("endReason"))
                .startsWith("not watched: the release names no metric source");
    }

    @Test
    void aReleaseThatAcceptsBeingUnwatchedIsNotWatched() {
        ReleaseRequested release = release(
                "checkout",
                new Slo(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new Slo.MetricSource(Slo.MetricSource.Type.NONE, null, null, null, null)));
        String id = release.releaseId();
        Watching.start(kafka, release, 10);

        awaitState(id, "ENDED");
        assertThat(Watching.watch(id).getString("endReason"))
                .isEqualTo("not watched: the release sets slo.metricSource.type to none");
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextOneIsProcessed() {
        ReleaseRequested release = scraped();
        String id = release.releaseId();
        kafka.sendRaw(
                Topics.STEP_COMPLETED,
                id,
                Map.of("ce_specversion", "1.0", "ce_type", "dev.rollwatch.step.completed.v1"),
                "{\"not\": \"a step\"}");
        Watching.start(kafka, release, 10);

        assertThat(TopicRecorder.headers(recorder.awaitRecord(Topics.STEP_COMPLETED + ".dlq", id)))
                .containsEntry("dead-letter-reason", "missing CloudEvents header ce_id");
        awaitState(id, "WATCHING");
        Watching.promote(kafka, id);
    }

    @Test
    void aReleaseRequestBreakingTheReleaseRulesIsDeadLettered() {
        ReleaseRequested broken = release(
                "checkout",
                new Slo(null, null, null, null, null, "10s", "5s", null, scrape(List.of(service.metricsUrl()), null)));

        kafka.send(event("ci", broken));

        assertThat(TopicRecorder.headers(recorder.awaitRecord(Topics.RELEASE_REQUESTED + ".dlq", broken.releaseId())))
                .hasEntrySatisfying("dead-letter-reason", r -> assertThat(r).contains("slo.window"));
    }

    @Test
    void resumesAWatchFromItsDueTimeInTheDatabase() {
        // What a restarted instance finds: a watch row whose window fell due while nobody ran.
        ReleaseRequested release = scraped();
        String id = release.releaseId();
        Watching.start(kafka, release, 10);
        awaitState(id, "WATCHING");
        Watching.promote(kafka, id);
        awaitState(id, "ENDED");
        long before = evaluations(id);

        ReactiveWork.onOwnContext(
                        vertx,
                        () -> Panache.withTransaction(() -> watches.findById(id).invoke(w -> {
                            w.state = WatchState.WATCHING;
                            w.nextDueAt = Instant.now().minusSeconds(30);
                        })))
                .await()
                .atMost(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> evaluations(id) > before);
        Instant next = Instant.parse(Watching.watch(id).getString("nextDueAt"));
        assertThat(next).isAfter(Instant.now().minusSeconds(2));
        ReactiveWork.onOwnContext(
                        vertx,
                        () -> Panache.withTransaction(
                                () -> watches.findById(id).invoke(w -> w.state = WatchState.ENDED)))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    @Test
    void scrapesAreKeptInTheDatabaseForAboutOneWindowAndDroppedWhenTheWatchEnds() {
        ReleaseRequested release = scraped();
        String id = release.releaseId();
        Watching.start(kafka, release, 10);
        awaitState(id, "WATCHING");
        await().atMost(Duration.ofSeconds(15)).until(() -> evaluations(id) >= 8);

        // 2 s window, 1 s interval: the window, the scrape before it and three spare intervals, for
        // the canary and the stable endpoint, whichever instance took them.
        long kept = samples(id);
        assertThat(kept).isBetween(4L, 14L);

        Watching.promote(kafka, id);
        awaitState(id, "ENDED");
        await().atMost(Duration.ofSeconds(5)).until(() -> samples(id) == 0);
    }

    @Test
    void aWindowThatWouldKeepMoreScrapesThanTheInstallationAllowsIsNeitherStoredNorRead() {
        // 4 endpoints scraped every second over 5 minutes: 4 × 303 = 1 212 scrapes to keep and read back
        // at every evaluation, more than the 1 000 a watch may keep here (20 000 by default; the release
        // rules keep a valid release under that, so the cap is a safety net, lowered in tests).
        List<String> endpoints = java.util.Collections.nCopies(4, service.metricsUrl());
        ReleaseRequested release =
                release("checkout", new Slo(null, null, null, null, 1, "1s", "5m", 3, scrape(endpoints, null)));
        String id = release.releaseId();
        Watching.start(kafka, release, 10);
        await().atMost(Duration.ofSeconds(15)).until(() -> evaluations(id) >= 3);

        assertThat(Watching.watch(id).getString("verdicts[0].reason"))
                .contains("the window would keep 1212 scrapes (4 endpoints × 303), more than the installation's "
                        + "limit of 1000 (rollwatch.health.scrape.max-samples-per-watch)");
        assertThat(samples(id))
                .as("scrape rows stored, so read back at each evaluation")
                .isZero();
        Watching.promote(kafka, id);
    }

    @Test
    void anEvaluationReadsBackOnlyTheScrapesItHasNotSeenNotTheWholeWindow() {
        // 30 s window at 1 s over a canary and a stable endpoint: reading the whole window back would be
        // up to 2 × 33 rows at each evaluation, and grows with the window.
        ReleaseRequested release = release(
                "checkout",
                new Slo(
                        null,
                        null,
                        null,
                        null,
                        1,
                        "1s",
                        "30s",
                        3,
                        scrape(List.of(service.metricsUrl()), List.of(service.metricsUrl()))));
        String id = release.releaseId();
        Watching.start(kafka, release, 10);
        await().atMost(Duration.ofSeconds(15)).until(() -> evaluations(id) >= 3);
        long evaluatedBefore = evaluations(id);
        double readBefore = rowsRead();

        await().atMost(Duration.ofSeconds(30)).until(() -> evaluations(id) >= evaluatedBefore + 10);
        double read = rowsRead() - readBefore;
        long evaluated = evaluations(id) - evaluatedBefore;

        // Its own two new scrapes per evaluation (one more evaluation may have run between the two counts).
        assertThat(read).isLessThanOrEqualTo(2.0 * (evaluated + 1));
        assertThat(samples(id))
                .as("the window is still kept in the database, for whichever instance evaluates next")
                .isGreaterThanOrEqualTo(2L * 10);
        Watching.promote(kafka, id);
    }

    private double rowsRead() {
        return registry.get("rollwatch.health.scrape.rows.read").counter().count();
    }

    private long samples(String releaseId) {
        return ReactiveWork.<Long>onOwnContext(
                        vertx, () -> Panache.withSession(() -> scrapeSamples.count("releaseId", releaseId)))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    @Test
    void theSourceFactoryRejectsAnUnknownType() {
        assertThat(sources.forType("prometheus").type()).isEqualTo("prometheus");
        assertThat(sources.forType("scrape").type()).isEqualTo("scrape");
        assertThatThrownBy(() -> sources.forType("datadog"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown metric source type 'datadog'; known types: prometheus, scrape, none");
    }

    @Test
    void anUnknownWatchIsNotFound() {
        Watching.api().get("/api/v1/watches/no-such-release").then().statusCode(404);
    }

    @Test
    void exposesItsOwnMetrics() {
        ReleaseRequested release = scraped();
        Watching.start(kafka, release, 10);
        awaitState(release.releaseId(), "WATCHING");
        await().atMost(Duration.ofSeconds(10)).until(() -> evaluations(release.releaseId()) >= 1);
        Watching.promote(kafka, release.releaseId());

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .body(containsString("rollwatch_health_evaluations_total{source=\"scrape\""))
                        .body(containsString("rollwatch_health_verdicts_total{"))
                        .body(containsString("rollwatch_health_watches_active"))
                        .body(containsString("rollwatch_health_detection_latency_seconds")));
    }
}
