package dev.rollwatch.executor.it;

import static dev.rollwatch.events.StepCompleted.Action.PAUSE;
import static dev.rollwatch.events.StepCompleted.Action.ROLLBACK;
import static dev.rollwatch.events.StepCompleted.Action.SET_WEIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.Strategy.CanaryStep;
import dev.rollwatch.executor.persistence.RolloutRepository;
import dev.rollwatch.executor.service.HeldStepRunner;
import dev.rollwatch.executor.service.RolloutPoller;
import dev.rollwatch.executor.service.StepRunner;
import io.quarkus.arc.ClientProxy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No transaction or row lock is held while Kubernetes is called: a release is leased, its Kubernetes
 * work runs outside any transaction, and its outcome is recorded only if nothing changed the release
 * meanwhile. A step's call is held open here (as a slow API server would) to show that a rollback does
 * not wait for it, that the restore's writes are the last ones, and that a lost instance's work is
 * taken over once its lease runs out.
 */
@QuarkusTest
class LeasesIT extends ExecutorIT {

    @Inject
    StepRunner runner;

    @Inject
    RolloutPoller poller;

    @Inject
    RolloutRepository repository;

    private HeldStepRunner held;

    /** The release's first step will hang in its Kubernetes call until the test lets it go. */
    private String releaseWithAHeldStep() {
        cluster.app(4);
        String id = "rel-held-" + java.util.UUID.randomUUID();
        held = new HeldStepRunner(ClientProxy.unwrap(runner), id);
        QuarkusMock.installMockForType(held, StepRunner.class);
        request(release()
                .releaseId(id)
                .steps(CanaryStep.weight(50), CanaryStep.pauseUntilResumed())
                .build());
        held.awaitHeld();
        return id;
    }

    @AfterEach
    void letTheHeldStepGo() {
        if (held != null) {
            held.letGo();
        }
    }

    @Test
    void aRollbackIsAppliedWhileTheReleasesStepIsInFlightAndAnotherReleaseRollsBackMeanwhile() {
        Cluster other = new Cluster(client).app(4);
        String elsewhere = request(release()
                .namespace(other.namespace)
                .steps(CanaryStep.weight(50), CanaryStep.pauseUntilResumed())
                .build());
        awaitStep(elsewhere, 1, PAUSE);
        String id = releaseWithAHeldStep();

        rollback(id, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);

        // Applied to the row and the restore carried out while the step's call is still out.
        await().atMost(WAIT).until(() -> "ROLLBACK".equals(database.rollout(id).get("restore_kind")));
        await().atMost(WAIT).until(() -> held.count("restored") >= 1);
        // The rollback channel is not blocked: another release's rollback goes through meanwhile.
        rollback(elsewhere, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);
        assertThat(awaitPhase(elsewhere, Phase.ROLLED_BACK).outcome()).isEqualTo(StepCompleted.Outcome.SUCCEEDED);
        assertThat(other.replicas("checkout-canary")).isZero();
        assertThat(held.history()).doesNotContain("held step wrote");

        held.letGo();

        StepCompleted rolledBack = awaitPhase(id, Phase.ROLLED_BACK);
        assertThat(rolledBack.outcome()).isEqualTo(StepCompleted.Outcome.SUCCEEDED);
        assertThat(actions(id)).containsExactly(ROLLBACK);
        assertNoDuplicates(id);
    }

    @Test
    void aStepWhoseWritesLandAfterTheRestoreIsDiscardedAndTheRestoreRunsAgainAfterIt() {
        String id = releaseWithAHeldStep();
        rollback(id, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);
        await().atMost(WAIT).until(() -> held.count("restored") >= 1);

        // The step's call comes back now: its canary and weights land on the restored cluster.
        held.letGo();

        StepCompleted rolledBack = awaitPhase(id, Phase.ROLLED_BACK);
        assertThat(held.history()).containsExactly("step held", "restored", "held step wrote", "restored");
        assertThat(actions(id)).containsExactly(ROLLBACK);
        assertThat(rolledBack.weights().canary()).isZero();
        assertThat(cluster.replicas("checkout-canary")).isZero();
        assertThat(cluster.replicas("checkout")).isEqualTo(4);
        assertThat(cluster.image("checkout")).isEqualTo(Cluster.OLD_IMAGE);
        assertThat(database.status(id)).isEqualTo("ROLLED_BACK");
    }

    @Test
    void aStepWhoseInstanceIsLostMidCallIsTakenOverOnceItsLeaseRunsOutAndReportedOnce() {
        String id = releaseWithAHeldStep();
        Object lostOwner = database.rollout(id).get("lease_owner");
        assertThat(lostOwner).isNotNull();

        // Its instance is gone: nobody records this call, and the lease runs out.
        database.expireLease(id);

        StepCompleted step = awaitStep(id, 0, SET_WEIGHT);
        assertThat(step.outcome()).isEqualTo(StepCompleted.Outcome.SUCCEEDED);
        awaitStep(id, 1, PAUSE);
        assertThat(held.count("step applied")).isEqualTo(1);

        // The lost call comes back late: its outcome is discarded, nothing is reported twice.
        held.letGo();
        await().atMost(WAIT).until(() -> held.count("held step wrote") == 1);
        await().atMost(WAIT).until(() -> !poller.busy());
        assertThat(actions(id)).containsExactly(SET_WEIGHT, PAUSE);
        assertNoDuplicates(id);
        assertThat(database.rollout(id))
                .containsEntry("status", "RUNNING")
                .containsEntry("stage", "HOLD")
                .containsEntry("lease_owner", null);
        assertThat(cluster.replicas("checkout-canary")).isEqualTo(2);
    }

    @Test
    void aPreemptedStepWhoseRecordingFailsDoesNotPutBackTheRestoreThatPreemptedIt() throws Throwable {
        String id = releaseWithAHeldStep();
        Object stepOwner = database.rollout(id).get("lease_owner");
        rollback(id, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);
        await().atMost(WAIT).until(() -> held.count("restored") >= 1);
        await().atMost(WAIT).until(() -> database.rollout(id).get("lease_owner") == null);
        Map<String, Object> before = database.rollout(id);
        assertThat(before).containsEntry("preempted_owner", stepOwner);

        // The pre-empted step's outcome could not be recorded (a database blip): its failure handling
        // ends its own mark but neither delays the restore nor claims the row.
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                repository.postpone(id, Instant.now().plusSeconds(3600), "recording failed", (String) stepOwner)));

        Map<String, Object> after = database.rollout(id);
        assertThat(after.get("due_at")).isEqualTo(before.get("due_at"));
        assertThat(after.get("version")).isEqualTo(before.get("version"));
        assertThat(after).containsEntry("preempted_owner", null).containsEntry("last_error", before.get("last_error"));
    }
}
