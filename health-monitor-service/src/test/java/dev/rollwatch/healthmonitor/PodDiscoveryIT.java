package dev.rollwatch.healthmonitor;

import static dev.rollwatch.healthmonitor.support.Watching.awaitVerdicts;
import static dev.rollwatch.healthmonitor.support.Watching.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.Topics;
import dev.rollwatch.healthmonitor.support.InstrumentedService;
import dev.rollwatch.healthmonitor.support.PodHealthOn;
import dev.rollwatch.healthmonitor.support.TrafficGenerator;
import dev.rollwatch.healthmonitor.support.Watching;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scrape source finds the canary's and the stable's pods through the Kubernetes API (a fabric8
 * mock API server here) when a release lists no endpoints, and scrapes them for real.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(PodHealthOn.class)
class PodDiscoveryIT {

    private static InstrumentedService canary;
    private static InstrumentedService stable;
    private static TrafficGenerator canaryTraffic;
    private static TrafficGenerator stableTraffic;

    @Inject
    KubernetesClient kubernetes;

    private KafkaTestClient kafka;

    @BeforeAll
    static void startServices() {
        canary = InstrumentedService.start(0.0, 5);
        stable = InstrumentedService.start(0.0, 5);
        canaryTraffic = TrafficGenerator.start(canary.workUrl(), 40, Duration.ofMinutes(2));
        stableTraffic = TrafficGenerator.start(stable.workUrl(), 40, Duration.ofMinutes(2));
    }

    @AfterAll
    static void stopServices() {
        for (AutoCloseable c : new AutoCloseable[] {canaryTraffic, stableTraffic, canary, stable}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    /** A running pod as the executor labels them: the new version's with a track label, the stable's without. */
    private void runningPod(String name, String application, String track, InstrumentedService service) {
        Map<String, String> labels =
                track == null ? Map.of("app", application) : Map.of("app", application, "rollwatch.dev/track", track);
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("shop")
                .withLabels(labels)
                .withAnnotations(
                        Map.of("prometheus.io/port", String.valueOf(service.port()), "prometheus.io/path", "/metrics"))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("checkout:1")
                .endContainer()
                .endSpec()
                .build();
        kubernetes.pods().inNamespace("shop").resource(pod).create();
        kubernetes
                .pods()
                .inNamespace("shop")
                .withName(name)
                .editStatus(p -> new PodBuilder(p)
                        .withNewStatus()
                        .withPhase("Running")
                        .withPodIP("127.0.0.1")
                        .endStatus()
                        .build());
    }

    private static Slo discovered() {
        return new Slo(
                null,
                null,
                null,
                1.5,
                10,
                "1s",
                "2s",
                2,
                new Slo.MetricSource(Slo.MetricSource.Type.SCRAPE, null, null, null, null));
    }

    @Test
    void scrapesTheCanaryAndStablePodsItFindsByLabel() {
        runningPod("checkout-canary-1", "checkout-pods", "canary", canary);
        runningPod("checkout-stable-1", "checkout-pods", null, stable);
        runningPod("other-app-1", "payments", "canary", stable);
        ReleaseRequested release = release("checkout-pods", discovered());
        Watching.start(kafka, release, 10);

        awaitVerdicts(release.releaseId(), "HEALTHY", 2, Duration.ofSeconds(20));

        // The stable pods' baseline needs two scrapes of them (a rate is a difference): on a busy machine
        // the first verdicts may still judge the canary on the limits alone, so wait for one that compares.
        Awaitility.await("a verdict comparing the canary pods with the stable pods")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    var latest = Watching.watch(release.releaseId());
                    assertThat(latest.getList("verdicts[0].evidence.comparison", String.class))
                            .contains("relative");
                    assertThat(latest.getString("verdicts[0].evidence[0].query"))
                            .contains("http://127.0.0.1:" + canary.port() + "/metrics")
                            .doesNotContain(":" + stable.port());
                    assertThat(latest.getString("verdicts[0].evidence[0].baseline"))
                            .isNotNull();
                });
        Watching.promote(kafka, release.releaseId());
    }

    @Test
    void aBlueGreenReleaseIsJudgedOnItsPreviewPods() {
        runningPod("shop-preview-1", "shop-bg", "preview", canary);
        runningPod("shop-active-1", "shop-bg", null, stable);
        ReleaseRequested release = dev.rollwatch.events.fixtures.ReleaseRequestBuilder.blueGreen()
                .application("shop-bg")
                .slo(discovered())
                .build();
        Watching.start(kafka, release, 100);

        awaitVerdicts(release.releaseId(), "HEALTHY", 1, Duration.ofSeconds(20));

        assertThat(Watching.watch(release.releaseId()).getString("verdicts[0].evidence[0].query"))
                .contains("http://127.0.0.1:" + canary.port() + "/metrics")
                .doesNotContain(":" + stable.port());
        Watching.promote(kafka, release.releaseId());
    }

    @Test
    void noPodsIsUnknownAndSaysWhichLabelsItLookedFor() {
        ReleaseRequested release = release("checkout-nowhere", discovered());
        Watching.start(kafka, release, 10);

        awaitVerdicts(release.releaseId(), "UNKNOWN", 1, Duration.ofSeconds(20));

        assertThat(Watching.watch(release.releaseId()).getString("verdicts[0].reason"))
                .isEqualTo(
                        "canary not measurable: no running pods labelled app=checkout-nowhere,rollwatch.dev/track=canary "
                                + "in namespace shop");
        assertThat(Watching.verdicts(release.releaseId())).containsOnly("UNKNOWN");
        Watching.promote(kafka, release.releaseId());
    }

    @Test
    void onlyRunningPodsAreScraped() {
        runningPod("checkout-canary-2", "checkout-later", "canary", canary);
        Pod pending = new PodBuilder()
                .withNewMetadata()
                .withName("checkout-canary-3")
                .withNamespace("shop")
                .withLabels(Map.of("app", "checkout-later", "rollwatch.dev/track", "canary"))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("checkout:1")
                .endContainer()
                .endSpec()
                .build();
        kubernetes.pods().inNamespace("shop").resource(pending).create();
        ReleaseRequested release = release("checkout-later", discovered());
        Watching.start(kafka, release, 10);

        awaitVerdicts(release.releaseId(), "HEALTHY", 1, Duration.ofSeconds(20));

        assertThat(Watching.watch(release.releaseId()).getString("verdicts[0].evidence[0].query"))
                .contains("scrape http://127.0.0.1:" + canary.port() + "/metrics:");
        assertThat(List.of(Watching.watch(release.releaseId()).getString("verdicts[0].evidence[0].query")))
                .noneMatch(q -> q.contains(" and "));
        Watching.promote(kafka, release.releaseId());
    }

    @Test
    void aCanaryWhosePodsCrashIsDegradedThoughItsMetricsCannotBeRead() {
        // The canary's metrics port answers nothing (a crashed process exports no errors); its pod restarts.
        runningPod("crashing-canary-1", "checkout-crash", "canary", canary);
        kubernetes
                .pods()
                .inNamespace("shop")
                .withName("crashing-canary-1")
                .editStatus(p -> new PodBuilder(p)
                        .editStatus()
                        .withPodIP("127.0.0.1")
                        .addNewContainerStatus()
                        .withName("app")
                        .withRestartCount(3)
                        .withNewState()
                        .withNewWaiting()
                        .withReason("CrashLoopBackOff")
                        .endWaiting()
                        .endState()
                        .withNewLastState()
                        .withNewTerminated()
                        .withReason("OOMKilled")
                        .withExitCode(137)
                        .endTerminated()
                        .endLastState()
                        .endContainerStatus()
                        .endStatus()
                        .build());
        kubernetes
                .pods()
                .inNamespace("shop")
                .withName("crashing-canary-1")
                .edit(p -> new PodBuilder(p)
                        .editMetadata()
                        .addToAnnotations("prometheus.io/port", "9")
                        .endMetadata()
                        .build());
        TopicRecorder recorder = kafka.record(Topics.HEALTH_DEGRADED);
        ReleaseRequested release = release("checkout-crash", discovered());
        Watching.start(kafka, release, 10);

        HealthDegraded degraded =
                (HealthDegraded) recorder.awaitEvent(Topics.HEALTH_DEGRADED, release.releaseId(), e -> true)
                        .data();

        assertThat(degraded.summary())
                .startsWith("3 pod failures in 2m (limit 3): crashing-canary-1 restarted" + " (CrashLoopBackOff)");
        Evidence pods = degraded.evidence().get(0);
        assertThat(pods.metric()).isEqualTo("podFailures");
        assertThat(pods.observed()).isEqualTo(3);
        assertThat(pods.threshold()).isEqualTo(3);
        assertThat(pods.query()).isEqualTo("pods app=checkout-crash,rollwatch.dev/track=canary in namespace shop");
        recorder.close();
        Watching.promote(kafka, release.releaseId());
    }

    @Test
    void aReleaseThatToleratesFewerPodFailuresIsCondemnedByItsFirstRestart() {
        runningPod("strict-canary-1", "checkout-strict", "canary", canary);
        kubernetes
                .pods()
                .inNamespace("shop")
                .withName("strict-canary-1")
                .editStatus(p -> new PodBuilder(p)
                        .editStatus()
                        .withPodIP("127.0.0.1")
                        .addNewContainerStatus()
                        .withName("app")
                        .withRestartCount(1)
                        .withReady(true)
                        .withNewLastState()
                        .withNewTerminated()
                        .withReason("Error")
                        .withExitCode(1)
                        .endTerminated()
                        .endLastState()
                        .endContainerStatus()
                        .endStatus()
                        .build());
        TopicRecorder recorder = kafka.record(Topics.HEALTH_DEGRADED);
        ReleaseRequested release = dev.rollwatch.events.fixtures.ReleaseRequestBuilder.canary()
                .application("checkout-strict")
                .slo(discovered())
                .podHealth(1, "5m")
                .build();
        Watching.start(kafka, release, 10);

        HealthDegraded degraded =
                (HealthDegraded) recorder.awaitEvent(Topics.HEALTH_DEGRADED, release.releaseId(), e -> true)
                        .data();

        assertThat(degraded.summary()).startsWith("1 pod failure in 5m (limit 1): strict-canary-1 restarted");
        assertThat(degraded.evidence().get(0).threshold()).isEqualTo(1);
        assertThat(Watching.watch(release.releaseId()).getInt("slo.maxPodFailures"))
                .isEqualTo(1);
        assertThat(Watching.watch(release.releaseId()).getLong("slo.podFailureWindowMs"))
                .isEqualTo(300_000);
        recorder.close();
        Watching.promote(kafka, release.releaseId());
    }
}
