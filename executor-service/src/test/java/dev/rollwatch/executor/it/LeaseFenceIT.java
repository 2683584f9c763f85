package dev.rollwatch.executor.it;

import static dev.rollwatch.events.StepCompleted.Action.PAUSE;
import static dev.rollwatch.events.StepCompleted.Action.SET_WEIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Strategy.CanaryStep;
import dev.rollwatch.executor.service.HeldStepRunner;
import dev.rollwatch.executor.service.StepRunner;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A call that comes back after its lease's write deadline writes nothing: once a lease may have run
 * out, another instance or a restore may already be writing, and the late call must not undo them
 * (review of R6: a step outliving its lease wrote its canary back over a verified restore).
 */
@QuarkusTest
@TestProfile(LeaseFenceIT.ShortLease.class)
class LeaseFenceIT extends ExecutorIT {

    /** Writes stop 3 s after a claim, so the test need not wait out a production-length lease. */
    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "rollwatch.executor.lease-duration", "20s",
                    "rollwatch.executor.lease-write-margin", "17s",
                    // The step outlives the held call.
                    "rollwatch.executor.step-deadline", "30s");
        }
    }

    @Inject
    StepRunner runner;

    @Test
    void aStepCallThatComesBackAfterItsLeasesWriteDeadlineWritesNothingAndTheStepIsDoneOnceByItsNextClaim()
            throws InterruptedException {
        cluster.app(4);
        String id = "rel-late-" + java.util.UUID.randomUUID();
        HeldStepRunner held = new HeldStepRunner(ClientProxy.unwrap(runner), id);
        QuarkusMock.installMockForType(held, StepRunner.class);
        try {
            request(release()
                    .releaseId(id)
                    .steps(CanaryStep.weight(50), CanaryStep.pauseUntilResumed())
                    .build());
            held.awaitHeld();
            Instant heldAt = Instant.now();
            assertThat(cluster.replicas("checkout-canary")).isZero();

            // The API server is slow: the call comes back only once the lease no longer allows writes.
            Thread.sleep(Duration.ofSeconds(4).toMillis());
            held.letGo();

            StepCompleted step = awaitStep(id, 0, SET_WEIGHT);
            assertThat(step.outcome()).isEqualTo(StepCompleted.Outcome.SUCCEEDED);
            awaitStep(id, 1, PAUSE);
            assertThat(held.history())
                    .as("held at %s", heldAt)
                    .containsExactly("step held", "held step refused", "step applied");
            assertThat(actions(id)).containsExactly(SET_WEIGHT, PAUSE);
            assertNoDuplicates(id);
            assertThat(cluster.replicas("checkout-canary")).isEqualTo(2);
        } finally {
            held.letGo();
        }
    }
}
