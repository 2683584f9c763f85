package dev.rollwatch.rollback;

import static dev.rollwatch.rollback.testing.ClusterObjects.deployment;
import static dev.rollwatch.rollback.testing.ClusterObjects.httpRoute;
import static dev.rollwatch.rollback.testing.ClusterObjects.ingress;
import static dev.rollwatch.rollback.testing.ClusterObjects.labels;
import static dev.rollwatch.rollback.testing.ClusterObjects.marked;
import static dev.rollwatch.rollback.testing.ClusterObjects.nginxCanary;
import static dev.rollwatch.rollback.testing.ClusterObjects.service;
import static dev.rollwatch.rollback.testing.ClusterObjects.track;
import static dev.rollwatch.rollback.testing.ClusterObjects.trafficSplit;
import static dev.rollwatch.rollback.testing.ClusterObjects.virtualService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackPolicy;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.rollback.testing.Metrics;
import dev.rollwatch.rollback.testing.MockCluster;
import dev.rollwatch.rollback.testing.Scenario;
import dev.rollwatch.rollback.testing.TestClock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * After triggering, the service proves the restore: the executor's report, then the cluster (the
 * fabric8 mock API server, holding what the executor would have written) showing the stable version
 * ready and receiving all traffic; otherwise one re-trigger, then people are paged.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class RestoreVerificationIT {

    private static final String STABLE = EventFixtures.STABLE.image();
    private static final String NEW = "registry.example.com/shop/checkout:1.4.2";
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    private final Scenario scenario = new Scenario();
    private MockCluster cluster;

    @BeforeEach
    void connect() {
        cluster = new MockCluster(client);
    }

    @AfterEach
    void close() {
        scenario.close();
    }

    /** A running release that breaks its SLOs and is rolled back (attempt 1). */
    private ReleaseRequested rolledBack(ReleaseRequestBuilder builder) {
        ReleaseRequested request = scenario.request(Scenario.isolated(builder));
        scenario.step(EventFixtures.weightSet(request.releaseId(), 0, 4, 10));
        Scenario.awaitRequested(request.releaseId());
        // The step carries the stable state a rollback restores: the two topics are consumed independently.
        Scenario.awaitPhase(request.releaseId(), "PROGRESSING");
        scenario.degraded(request.releaseId());
        scenario.awaitRollback(request.releaseId(), 1);
        return request;
    }

    private void replicaRatio(String ns, int canaryReplicas) {
        cluster.write(
                service(ns, "checkout", labels("app", "checkout")),
                deployment(ns, "checkout", STABLE, labels("app", "checkout", "track", "stable"), 4, 4),
                deployment(
                        ns,
                        "checkout-canary",
                        NEW,
                        labels("app", "checkout", "track", "canary"),
                        canaryReplicas,
                        canaryReplicas));
    }

    /** What the executor leaves behind after restoring a release with {@code router}. */
    private void restored(String ns, TrafficRouter.Type router) {
        cluster.write(deployment(ns, "checkout", STABLE, labels("app", "checkout", "track", "stable"), 4, 4));
        switch (router) {
            case REPLICA_RATIO -> replicaRatio(ns, 0);
            case ISTIO ->
                cluster.write(virtualService(ns, "checkout", "primary", "checkout", 100, "checkout-canary", 0));
            case GATEWAY_API -> cluster.write(httpRoute(ns, "checkout", "checkout", 100, "checkout-canary", 0));
            case NGINX ->
                cluster.write(
                        ingress(ns, "checkout", "checkout", Map.of()),
                        ingress(ns, "checkout-canary", "checkout-canary", nginxCanary(0)));
            case SMI -> cluster.write(trafficSplit(ns, "checkout", "checkout", 100, "checkout-canary", 0));
        }
    }

    @ParameterizedTest
    @EnumSource(TrafficRouter.Type.class)
    void verifiesTheRestoreACanaryRouterShows(TrafficRouter.Type router) {
        ReleaseRequested release = rolledBack(
                ReleaseRequestBuilder.canary().trafficRouter(new TrafficRouter(router, null, null, null, null)));
        restored(release.namespace(), router);

        scenario.step(EventFixtures.rolledBack(release.releaseId(), 4));

        RollbackNotice verified = scenario.awaitNotice(release.releaseId(), RollbackNotice.Kind.RESTORE_VERIFIED);
        assertThat(verified.severity()).isEqualTo(RollbackNotice.Severity.INFO);
        assertThat(verified.message()).startsWith("checkout:1.4.1 ready (4/4) and receiving 100% of traffic");
        assertThat(Scenario.rollback(release.releaseId()).getString("decision.status"))
                .isEqualTo("VERIFIED");
    }

    @Test
    void measuresRollbacksByReasonAndPolicyAndTheTimesToTriggerAndToRestore() {
        double rollbacks =
                Metrics.value("rollwatch_rollbacks_total", "policy=\"automatic\"", "reason=\"healthDegraded\"");
        double decisions = Metrics.value("rollwatch_rollback_decision_seconds_count", "policy=\"automatic\"");
        double restores = Metrics.value("rollwatch_rollback_restore_seconds_count", "result=\"verified\"");

        ReleaseRequested release = rolledBack(ReleaseRequestBuilder.canary());
        restored(release.namespace(), TrafficRouter.Type.REPLICA_RATIO);
        scenario.step(EventFixtures.rolledBack(release.releaseId(), 4));
        scenario.awaitNotice(release.releaseId(), RollbackNotice.Kind.RESTORE_VERIFIED);

        assertThat(Metrics.value("rollwatch_rollbacks_total", "policy=\"automatic\"", "reason=\"healthDegraded\""))
                .isEqualTo(rollbacks + 1);
        assertThat(Metrics.value("rollwatch_rollback_decision_seconds_count", "policy=\"automatic\""))
                .isEqualTo(decisions + 1);
        assertThat(Metrics.value("rollwatch_rollback_restore_seconds_count", "result=\"verified\""))
                .isEqualTo(restores + 1);
    }

    @Test
    void verifiesABlueGreenRestoreByTheServiceSelector() {
        ReleaseRequested release = rolledBack(ReleaseRequestBuilder.blueGreen());
        String ns = release.namespace();
        cluster.write(
                service(ns, "checkout", labels("app", "checkout", "colour", "blue")),
                deployment(ns, "checkout", STABLE, labels("app", "checkout", "colour", "blue"), 4, 4),
                deployment(ns, "checkout-preview", NEW, labels("app", "checkout", "colour", "green"), 4, 4));

        scenario.step(EventFixtures.rolledBack(release.releaseId(), 3));

        assertThat(scenario.awaitNotice(release.releaseId(), RollbackNotice.Kind.RESTORE_VERIFIED)
                        .message())
                .contains("Service checkout selects only checkout's pods");
    }

    @Test
    void verifiesARollingRestoreByTheDeploymentAlone() {
        ReleaseRequested release = rolledBack(ReleaseRequestBuilder.rolling());
        cluster.write(deployment(release.namespace(), "checkout", STABLE, labels("app", "checkout"), 4, 4));

        scenario.step(EventFixtures.rolledBack(release.releaseId(), 1));

        assertThat(scenario.awaitNotice(release.releaseId(), RollbackNotice.Kind.RESTORE_VERIFIED)
                        .message())
                .startsWith("checkout:1.4.1 ready (4/4)");
    }

    @Test
    void aClusterThatIsNotRestoredYetIsReadUntilItIs() {
        ReleaseRequested release = rolledBack(ReleaseRequestBuilder.canary());
        String id = release.releaseId();
        replicaRatio(release.namespace(), 1);

        scenario.step(EventFixtures.rolledBack(id, 4));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> String.valueOf(Scenario.rollback(id).getString("decision.lastFinding"))
                        .contains("still selects Deployment checkout-canary (1 ready, 1 desired)"));
        assertThat(scenario.notices(id)).noneMatch(n -> n.kind() == RollbackNotice.Kind.RESTORE_VERIFIED);

        replicaRatio(release.namespace(), 0);

        scenario.awaitNotice(id, RollbackNotice.Kind.RESTORE_VERIFIED);
        assertThat(scenario.rollbacks(id)).hasSize(1);
    }

    @Test
    void aRestoreCheckWaitingOnASlowApiServerDoesNotHoldUpAnotherReleasesDeadline() {
        ReleaseRequested slow = rolledBack(ReleaseRequestBuilder.rolling());
        // Every read of its Deployment takes 8 s; it shows the stable version ready only once restored.
        AtomicBoolean restored = new AtomicBoolean();
        AtomicInteger readsOfTheRestore = new AtomicInteger();
        server.expect()
                .get()
                .delay(8, TimeUnit.SECONDS)
                .withPath("/apis/apps/v1/namespaces/" + slow.namespace() + "/deployments/checkout")
                .andReply(200, request -> {
                    if (!restored.get()) {
                        return deployment(slow.namespace(), "checkout", STABLE, labels("app", "checkout"), 4, 0);
                    }
                    readsOfTheRestore.incrementAndGet();
                    return deployment(slow.namespace(), "checkout", STABLE, labels("app", "checkout"), 4, 4);
                })
                .always();
        ReleaseRequested manual = scenario.request(
                Scenario.isolated(ReleaseRequestBuilder.canary()).rollbackPolicy(RollbackPolicy.MANUAL));
        scenario.step(EventFixtures.weightSet(manual.releaseId(), 0, 4, 10));
        Scenario.awaitRequested(manual.releaseId());
        Scenario.awaitPhase(manual.releaseId(), "PROGRESSING");
        scenario.degraded(manual.releaseId());
        scenario.awaitNotice(manual.releaseId(), RollbackNotice.Kind.ROLLBACK_RECOMMENDED);

        // A check that will verify the slow release is waiting on the API server when the other's deadline passes.
        restored.set(true);
        scenario.step(EventFixtures.rolledBack(slow.releaseId(), 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> readsOfTheRestore.get() >= 1);
        TestClock.advance(Duration.ofMinutes(10).plusSeconds(1));

        RollbackTriggered rollback = scenario.awaitRollback(manual.releaseId(), 1);
        assertThat(rollback.reason()).isEqualTo(RollbackTriggered.Reason.DECISION_DEADLINE);
        assertThat(Scenario.rollback(slow.releaseId()).getString("decision.status"))
                .as("the slow check is still waiting for its answer")
                .isNotEqualTo("VERIFIED");
        scenario.awaitNotice(slow.releaseId(), RollbackNotice.Kind.RESTORE_VERIFIED);
    }

    @Test
    void anExecutorThatNeverConfirmsGetsOneReTriggerThenPeopleArePaged() {
        ReleaseRequested release = rolledBack(ReleaseRequestBuilder.canary());
        String id = release.releaseId();
        // The canary still serves, and nobody says otherwise.
        replicaRatio(release.namespace(), 1);

        TestClock.advance(DEADLINE.plusSeconds(1));

        RollbackTriggered again = scenario.awaitRollback(id, 2);
        assertThat(again.reason()).isEqualTo(RollbackTriggered.Reason.HEALTH_DEGRADED);
        assertThat(again.message()).contains("the executor has not reported the restore");
        assertThat(again.restoreTo()).isEqualTo(EventFixtures.STABLE);

        TestClock.advance(DEADLINE.plusSeconds(1));

        RollbackNotice alert = scenario.awaitNotice(id, RollbackNotice.Kind.RESTORE_UNVERIFIED);
        assertThat(alert.severity()).isEqualTo(RollbackNotice.Severity.CRITICAL);
        assertThat(alert.message()).contains("not verified after 2 attempts");
        TestClock.advance(DEADLINE.plusSeconds(1));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> scenario.rollbacks(id).size() == 2);
        assertThat(Scenario.rollback(id).getString("decision.status")).isEqualTo("UNVERIFIED");
    }

    @Test
    void aClusterThatLooksRestoredWithoutTheExecutorsReportIsReTriggeredButNotPaged() {
        ReleaseRequested release = rolledBack(ReleaseRequestBuilder.canary());
        String id = release.releaseId();
        restored(release.namespace(), TrafficRouter.Type.REPLICA_RATIO);

        TestClock.advance(DEADLINE.plusSeconds(1));
        scenario.awaitRollback(id, 2);
        TestClock.advance(DEADLINE.plusSeconds(1));

        assertThat(scenario.awaitNotice(id, RollbackNotice.Kind.RESTORE_VERIFIED)
                        .message())
                .contains("the executor never reported the restore");
        assertThat(scenario.notices(id)).noneMatch(n -> n.kind() == RollbackNotice.Kind.RESTORE_UNVERIFIED);
    }

    @Test
    void aRestoreThatShowsUpAfterTheAlertIsReported() {
        ReleaseRequested release = rolledBack(ReleaseRequestBuilder.canary());
        String id = release.releaseId();
        replicaRatio(release.namespace(), 1);
        TestClock.advance(DEADLINE.plusSeconds(1));
        scenario.awaitRollback(id, 2);
        TestClock.advance(DEADLINE.plusSeconds(1));
        scenario.awaitNotice(id, RollbackNotice.Kind.RESTORE_UNVERIFIED);

        replicaRatio(release.namespace(), 0);

        assertThat(scenario.awaitNotice(id, RollbackNotice.Kind.RESTORE_VERIFIED)
                        .message())
                .contains("after the unverified-restore alert");
    }

    static Stream<Arguments> promotedFirst() {
        return Stream.of(
                Arguments.of("its last step, consumed after the decision", (Function<String, StepCompleted>)
                        id -> EventFixtures.promoted(id, 4)),
                Arguments.of("the executor's answer to the rollback", (Function<String, StepCompleted>)
                        id -> EventFixtures.rollbackTooLate(id, 4)));
    }

    @ParameterizedTest(name = "learnt from {0}")
    @MethodSource("promotedFirst")
    void aRollbackThatReachedAnAlreadyPromotedReleaseIsNeitherReTriggeredNorPaged(
            String how, Function<String, StepCompleted> promotedStep) {
        double tooLate = Metrics.value("rollwatch_rollback_restores_total", "result=\"too_late\"");
        ReleaseRequested release = rolledBack(ReleaseRequestBuilder.canary());
        String id = release.releaseId();
        // The Deployment runs the new version on purpose: the release was promoted.
        cluster.write(deployment(release.namespace(), "checkout", NEW, labels("app", "checkout"), 4, 4));

        scenario.step(promotedStep.apply(id));

        Scenario.awaitStatus(id, "TOO_LATE");
        TestClock.advance(DEADLINE.plusSeconds(1));
        TestClock.advance(DEADLINE.plusSeconds(1));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> scenario.rollbacks(id).size() == 1
                        && scenario.notices(id).stream()
                                .noneMatch(n -> n.kind() == RollbackNotice.Kind.RESTORE_UNVERIFIED));
        assertThat(Scenario.rollback(id).getString("decision.status")).isEqualTo("TOO_LATE");
        assertThat(Scenario.rollback(id).getString("decision.note")).contains("the release was already promoted");
        assertThat(Metrics.value("rollwatch_rollback_restores_total", "result=\"too_late\""))
                .isEqualTo(tooLate + 1);
    }

    static Stream<Arguments> newerReleases() {
        BiFunction<String, ReleaseRequested, HasMetadata[]> canaryRunning = (ns, fix) -> new HasMetadata[] {
            deployment(ns, "checkout", STABLE, labels("app", "checkout", "track", "stable"), 4, 4),
            track(
                    deployment(ns, "checkout-canary", fix.image(), labels("app", "checkout", "track", "canary"), 1, 1),
                    "checkout",
                    fix.releaseId())
        };
        BiFunction<String, ReleaseRequested, HasMetadata[]> promoted = (ns, fix) -> new HasMetadata[] {
            marked(
                    deployment(ns, "checkout", fix.image(), labels("app", "checkout", "track", "stable"), 4, 4),
                    fix.releaseId())
        };
        return Stream.of(
                Arguments.of("its canary beside the stable Deployment", canaryRunning),
                Arguments.of("its promotion into the stable Deployment", promoted));
    }

    @ParameterizedTest(name = "a newer release shows {0}")
    @MethodSource("newerReleases")
    void aFixReleasedBeforeTheRestoreWasVerifiedSupersedesItWithoutReTriggerOrPage(
            String what, BiFunction<String, ReleaseRequested, HasMetadata[]> newerObjects) {
        double superseded = Metrics.value("rollwatch_rollback_restores_total", "result=\"superseded\"");
        ReleaseRequested release = rolledBack(ReleaseRequestBuilder.canary());
        String id = release.releaseId();
        String ns = release.namespace();
        // The executor restored; the stable pods are still coming up when the team releases the fix.
        cluster.write(
                service(ns, "checkout", labels("app", "checkout")),
                deployment(ns, "checkout", STABLE, labels("app", "checkout", "track", "stable"), 4, 3));
        scenario.step(EventFixtures.rolledBack(id, 4));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> String.valueOf(Scenario.rollback(id).getString("decision.lastFinding"))
                        .contains("3/4 replicas ready"));
        ReleaseRequested fix = scenario.request(ReleaseRequestBuilder.canary()
                .namespace(ns)
                .image(Scenario.uniqueImage())
                .requestedAt(release.requestedAt().plus(Duration.ofMinutes(3))));
        Scenario.awaitRequested(fix.releaseId());

        cluster.write(newerObjects.apply(ns, fix));

        Scenario.awaitStatus(id, "SUPERSEDED");
        TestClock.advance(DEADLINE.plusSeconds(1));
        TestClock.advance(DEADLINE.plusSeconds(1));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> scenario.rollbacks(id).size() == 1
                        && scenario.notices(id).stream()
                                .noneMatch(n -> n.kind() == RollbackNotice.Kind.RESTORE_UNVERIFIED));
        var decision = Scenario.rollback(id);
        assertThat(decision.getString("decision.status")).isEqualTo("SUPERSEDED");
        assertThat(decision.getString("decision.supersededBy")).isEqualTo(fix.releaseId());
        assertThat(decision.getString("decision.note")).startsWith("superseded by release " + fix.releaseId());
        assertThat(scenario.rollbacks(fix.releaseId())).isEmpty();
        assertThat(Metrics.value("rollwatch_rollback_restores_total", "result=\"superseded\""))
                .isEqualTo(superseded + 1);
    }

    @Test
    void theMarkOfAnOlderReleaseDoesNotHideARestoreThatDidNotHappen() {
        ReleaseRequested release = rolledBack(ReleaseRequestBuilder.canary());
        String id = release.releaseId();
        ReleaseRequested older = scenario.request(ReleaseRequestBuilder.canary()
                .namespace(release.namespace())
                .image(Scenario.uniqueImage())
                .requestedAt(release.requestedAt().minus(Duration.ofDays(1))));
        Scenario.awaitRequested(older.releaseId());
        // The canary the older release left behind (marked for it) still serves, and nobody restores.
        replicaRatio(release.namespace(), 1);
        cluster.write(track(
                deployment(
                        release.namespace(),
                        "checkout-canary",
                        NEW,
                        labels("app", "checkout", "track", "canary"),
                        1,
                        1),
                "checkout",
                older.releaseId()));

        TestClock.advance(DEADLINE.plusSeconds(1));

        scenario.awaitRollback(id, 2);
        assertThat(Scenario.rollback(id).getString("decision.status")).isEqualTo("TRIGGERED");
    }

    @Test
    void aRestoreTheExecutorReportsFailedIsReTriggeredAtOnce() {
        ReleaseRequested release = rolledBack(ReleaseRequestBuilder.canary());
        String id = release.releaseId();

        scenario.step(EventFixtures.rollbackFailed(id, 4, "Deployment checkout-canary: 409 conflict after 5 retries"));

        RollbackTriggered again = scenario.awaitRollback(id, 2);
        assertThat(again.message()).contains("restore failed: Deployment checkout-canary: 409 conflict");
    }
}
