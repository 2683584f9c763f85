package dev.rollwatch.executor.it;

import static dev.rollwatch.events.StepCompleted.Action.PAUSE;
import static dev.rollwatch.events.StepCompleted.Action.PROMOTE;
import static dev.rollwatch.events.StepCompleted.Action.RESUME;
import static dev.rollwatch.events.StepCompleted.Action.SET_WEIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.HealthPassed;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.Strategy.CanaryStep;
import dev.rollwatch.events.Weights;
import dev.rollwatch.events.fixtures.EventFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No step without a verdict: a watched release's canary grows only once the health monitor judged it HEALTHY. */
@QuarkusTest
@TestProfile(VerdictGateIT.VerdictsRequired.class)
class VerdictGateIT extends ExecutorIT {

    /** The gate is on in production; most executor tests run without a health monitor and turn it off. */
    public static class VerdictsRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rollwatch.executor.verdicts.required", "true");
        }
    }

    private void passed(String releaseId, int weight) {
        kafka.send(EventFixtures.event(
                "health-monitor-service",
                new HealthPassed(
                        releaseId,
                        weight,
                        Instant.now(),
                        "scrape",
                        List.of(EventFixtures.errorRateEvidence(0.004)),
                        "all SLOs met")));
    }

    private StepCompleted awaitWaiting(String releaseId, String message) {
        return awaitStep(releaseId, s -> s.phase() == Phase.PAUSED && message.equals(s.message()));
    }

    @Test
    void aWatchedCanaryIsHeldAtEachWeightUntilJudgedHealthyThere() {
        cluster.app(4);
        String id = request(release()
                .steps(CanaryStep.weight(25), CanaryStep.pauseFor("1s"), CanaryStep.weight(50))
                .build());

        awaitWaiting(id, "waiting for the new version to be judged HEALTHY at 25% before setWeight 50%");
        assertQuietFor(id, Duration.ofSeconds(2));
        assertThat(cluster.replicas("checkout-canary"))
                .as("held at one canary pod of four")
                .isEqualTo(1);

        passed(id, 25);
        StepCompleted half = awaitStep(id, 2, SET_WEIGHT);
        assertThat(half.weights()).isEqualTo(new Weights(50, 50));
        awaitWaiting(id, "waiting for the new version to be judged HEALTHY at 50% before PROMOTE");
        assertThat(steps(id)).noneMatch(s -> s.phase() == Phase.COMPLETED);

        passed(id, 50);
        StepCompleted promoted = awaitPhase(id, Phase.COMPLETED);
        assertThat(promoted.action()).isEqualTo(PROMOTE);
        assertThat(cluster.image("checkout")).isEqualTo(Cluster.NEW_IMAGE);
        assertThat(steps(id))
                .filteredOn(s -> s.action() == RESUME)
                .extracting(StepCompleted::message)
                .containsExactly("judged HEALTHY at 25%: all SLOs met", "judged HEALTHY at 50%: all SLOs met");
        // Each wait and each go-ahead is announced once.
        assertThat(actions(id)).containsExactly(SET_WEIGHT, PAUSE, PAUSE, RESUME, SET_WEIGHT, PAUSE, RESUME, PROMOTE);
    }

    @Test
    void aVerdictForAnotherWeightMovesNothing() {
        cluster.app(4);
        String id = request(release()
                .steps(CanaryStep.weight(25), CanaryStep.pauseFor("1s"), CanaryStep.weight(50))
                .build());
        awaitWaiting(id, "waiting for the new version to be judged HEALTHY at 25% before setWeight 50%");

        passed(id, 50);

        assertQuietFor(id, Duration.ofSeconds(2));
        assertThat(cluster.replicas("checkout-canary")).isEqualTo(1);
    }

    @Test
    void aReleaseThatAcceptsBeingUnwatchedAdvancesOnItsTimers() {
        cluster.app(4);
        String id = request(release()
                .unwatched()
                .steps(CanaryStep.weight(25), CanaryStep.pauseFor("1s"), CanaryStep.weight(50))
                .build());

        assertThat(awaitPhase(id, Phase.COMPLETED).action()).isEqualTo(PROMOTE);
        assertThat(steps(id)).noneMatch(s -> s.phase() == Phase.PAUSED);
    }

    @Test
    void aReleaseThatChoosesToProceedAdvancesOnItsTimersWhileWatched() {
        cluster.app(4);
        Slo proceed = new Slo(
                0.05,
                2000.0,
                null,
                null,
                20,
                "10s",
                "1m",
                1,
                new Slo.MetricSource(Slo.MetricSource.Type.SCRAPE, null, null, null, null),
                Slo.WhenUnjudged.PROCEED);
        String id = request(release()
                .slo(proceed)
                .steps(CanaryStep.weight(25), CanaryStep.pauseFor("1s"), CanaryStep.weight(50))
                .build());

        assertThat(awaitPhase(id, Phase.COMPLETED).action()).isEqualTo(PROMOTE);
        assertThat(steps(id)).noneMatch(s -> s.phase() == Phase.PAUSED);
    }
}
