package dev.rollwatch.executor.it;

import static dev.rollwatch.events.StepCompleted.Action.ROLLBACK;
import static dev.rollwatch.events.StepCompleted.Action.ROLLING_UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.Weights;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Rolling updates of the Deployment in place; a rollback restores the previous pod template (rollout undo). */
@QuarkusTest
class RollingIT extends ExecutorIT {

    private String rolling(String stepDeadline) {
        return request(release()
                .strategy(new Strategy(Strategy.Type.ROLLING, null, null, new Strategy.Rolling("1", "0"), stepDeadline))
                .trafficRouter(null)
                .build());
    }

    @Test
    void updatesTheTemplateAndCompletesOnceTheRolloutIsAvailable() {
        cluster.app(3);

        String id = rolling("1m");

        StepCompleted done = awaitPhase(id, Phase.COMPLETED);
        assertThat(done.action()).isEqualTo(ROLLING_UPDATE);
        assertThat(done.stepCount()).isEqualTo(1);
        assertThat(done.weights()).isEqualTo(Weights.ALL_STABLE);
        assertThat(done.message()).contains("3/3 ready");
        Deployment deployment = cluster.deployment("checkout");
        assertThat(cluster.image("checkout")).isEqualTo(Cluster.NEW_IMAGE);
        assertThat(deployment.getMetadata().getAnnotations()).containsEntry("rollwatch.dev/release", id);
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge())
                .isEqualTo(new IntOrString(1));
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
                .isEqualTo(new IntOrString(0));
        assertThat(actions(id)).containsExactly(ROLLING_UPDATE);
    }

    @Test
    void aRolloutThatIsNotReadyBeforeTheStepDeadlineFailsTheReleaseAndRestoresThePreviousTemplate() {
        cluster.app(3);
        Deployment before = cluster.deployment("checkout");
        controller.freeze(cluster.namespace, "checkout");

        // No stepDeadline in the request: the executor's default applies (3s in tests).
        String id = rolling(null);

        StepCompleted failed = awaitPhase(id, Phase.FAILED);
        assertThat(failed.action()).isEqualTo(ROLLING_UPDATE);
        assertThat(failed.outcome()).isEqualTo(StepCompleted.Outcome.FAILED);
        assertThat(failed.message())
                .contains(
                        "not ready within the step deadline of 3s",
                        "the Deployment controller has not seen the change yet",
                        "restored to " + Cluster.OLD_IMAGE);
        assertThat(failed.stable().image()).isEqualTo(Cluster.OLD_IMAGE);
        Deployment after = cluster.deployment("checkout");
        assertThat(after.getSpec().getTemplate()).isEqualTo(before.getSpec().getTemplate());
        assertThat(after.getSpec().getStrategy()).isEqualTo(before.getSpec().getStrategy());
        assertThat(actions(id)).containsExactly(ROLLING_UPDATE);
    }

    @Test
    void anAbortDuringTheRolloutRestoresThePreviousTemplateAndEndsAborted() {
        cluster.app(3);
        Deployment before = cluster.deployment("checkout");
        controller.freeze(cluster.namespace, "checkout");
        String id = rolling("1m");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Cluster.NEW_IMAGE.equals(cluster.image("checkout")));

        rollback(id, RollbackTriggered.Reason.MANUAL_ABORT, 1);

        StepCompleted aborted = awaitPhase(id, Phase.ABORTED);
        assertThat(aborted.action()).isEqualTo(ROLLBACK);
        assertThat(aborted.message()).contains("aborted by oncall-maria");
        assertThat(cluster.deployment("checkout").getSpec().getTemplate())
                .isEqualTo(before.getSpec().getTemplate());
        // The template is no longer the release's: neither is the Deployment's mark.
        assertThat(cluster.deployment("checkout").getMetadata().getAnnotations())
                .doesNotContainKey("rollwatch.dev/release");
        assertThat(actions(id)).containsExactly(ROLLBACK);
    }

    @Test
    void changesOnlyTheNamedContainer() {
        cluster.app(2);

        String id = request(release()
                .image("envoyproxy/envoy:v1.32.1")
                .target(new ReleaseRequested.Target(null, null, "proxy"))
                .strategy(new Strategy(Strategy.Type.ROLLING, null, null, null, "1m"))
                .trafficRouter(null)
                .build());

        StepCompleted done = awaitPhase(id, Phase.COMPLETED);
        assertThat(done.stable().image()).isEqualTo("envoyproxy/envoy:v1.31.0");
        var containers =
                cluster.deployment("checkout").getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers.get(0).getImage()).isEqualTo(Cluster.OLD_IMAGE);
        assertThat(containers.get(1).getImage()).isEqualTo("envoyproxy/envoy:v1.32.1");
    }

    @Test
    void aContainerTheDeploymentDoesNotHaveFailsTheReleaseBeforeAnyChange() {
        cluster.app(2);
        Deployment before = cluster.deployment("checkout");

        String id = request(release()
                .target(new ReleaseRequested.Target(null, null, "web"))
                .strategy(new Strategy(Strategy.Type.ROLLING, null, null, null, "1m"))
                .trafficRouter(null)
                .build());

        StepCompleted failed = awaitPhase(id, Phase.FAILED);
        assertThat(failed.message())
                .isEqualTo("Deployment " + cluster.namespace + "/checkout has no container 'web' "
                        + "(containers: app, proxy)");
        assertThat(cluster.deployment("checkout").getSpec()).isEqualTo(before.getSpec());
    }
}
