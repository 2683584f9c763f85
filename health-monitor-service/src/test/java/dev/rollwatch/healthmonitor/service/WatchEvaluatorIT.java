package dev.rollwatch.healthmonitor.service;

import static dev.rollwatch.healthmonitor.support.Watching.awaitState;
import static dev.rollwatch.healthmonitor.support.Watching.release;
import static dev.rollwatch.healthmonitor.support.Watching.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.eventing.ReactiveWork;
import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.Topics;
import dev.rollwatch.healthmonitor.domain.JudgeState;
import dev.rollwatch.healthmonitor.domain.SequentialJudge;
import dev.rollwatch.healthmonitor.domain.Verdict;
import dev.rollwatch.healthmonitor.domain.WindowVerdict;
import dev.rollwatch.healthmonitor.persistence.WatchEntity;
import dev.rollwatch.healthmonitor.persistence.WatchRepository;
import dev.rollwatch.healthmonitor.support.Watching;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances can evaluate one watch at once when measuring takes longer than the interval. Their
 * verdicts are recorded in window order: one that finishes after a newer window's is dropped, so the
 * run of consecutive DEGRADED windows is never counted out of order.
 */
@QuarkusTest
class WatchEvaluatorIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    WatchEvaluator evaluator;

    @Inject
    WatchRepository watches;

    @Inject
    Vertx vertx;

    private KafkaTestClient kafka;
    private TopicRecorder recorder;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        recorder = kafka.record(Topics.HEALTH_DEGRADED);
    }

    @AfterEach
    void tearDown() {
        recorder.close();
        kafka.close();
    }

    /** A watch that breaches on two DEGRADED windows and that the poller leaves alone (due in an hour). */
    private String watchNobodyPolls() {
        ReleaseRequested release = release(
                "checkout",
                new Slo(
                        null,
                        null,
                        null,
                        null,
                        null,
                        "1h",
                        "1h",
                        2,
                        scrape(List.of("http://127.0.0.1:9/metrics"), null)));
        Watching.start(kafka, release, 10);
        awaitState(release.releaseId(), "WATCHING");
        return release.releaseId();
    }

    private WatchEntity load(String releaseId) {
        return ReactiveWork.<WatchEntity>onOwnContext(
                        vertx, () -> Panache.withSession(() -> watches.findById(releaseId)))
                .await()
                .atMost(WAIT);
    }

    private void record(String releaseId, Instant windowEnd) {
        Watches.Claimed claimed = Watches.claimed(load(releaseId));
        Evidence errors = new Evidence(
                "errorRate",
                "q",
                "1h",
                windowEnd.minus(1, ChronoUnit.HOURS),
                windowEnd,
                0.3,
                null,
                0.05,
                Evidence.Comparison.ABSOLUTE,
                500);
        WindowVerdict degraded = new WindowVerdict(
                Verdict.DEGRADED,
                windowEnd.minus(1, ChronoUnit.HOURS),
                windowEnd,
                500,
                List.of(errors),
                List.of(errors),
                "error rate 30% > 5%");
        SequentialJudge.Judgement judgement =
                new SequentialJudge.Judgement(degraded, new JudgeState(10, Map.of(), null, windowEnd, null));
        ReactiveWork.<Void>onOwnContext(vertx, () -> evaluator.record(claimed, judgement))
                .await()
                .atMost(WAIT);
    }

    @Test
    void aVerdictFinishingAfterANewerWindowsIsDroppedAndDoesNotCountTowardABreach() {
        String id = watchNobodyPolls();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // The faster instance judged the newer window first; the slower one's older window comes in after it.
        record(id, now);
        record(id, now.minusSeconds(10));

        WatchEntity watch = load(id);
        assertThat(watch.consecutiveDegraded).as("only the newer window counts").isEqualTo(1);
        assertThat(watch.breaches).isZero();
        assertThat(watch.evaluations).isEqualTo(1);
        assertThat(watch.lastWindowEnd).isEqualTo(now);
        assertThat(Watching.verdicts(id)).containsExactly("DEGRADED");

        // The same window judged twice is dropped too; the next window does count, and makes the breach.
        record(id, now);
        assertThat(load(id).consecutiveDegraded).isEqualTo(1);
        record(id, now.plusSeconds(10));

        assertThat(load(id).breaches).isEqualTo(1);
        HealthDegraded degraded = (HealthDegraded)
                recorder.awaitEvent(Topics.HEALTH_DEGRADED, id, e -> true).data();
        assertThat(degraded.consecutiveWindows()).isEqualTo(2);
        assertThat(degraded.breachStartedAt()).isEqualTo(now);
        Watching.promote(kafka, id);
    }
}
