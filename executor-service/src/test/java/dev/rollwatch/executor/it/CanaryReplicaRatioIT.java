package dev.rollwatch.executor.it;

import static dev.rollwatch.events.StepCompleted.Action.PAUSE;
import static dev.rollwatch.events.StepCompleted.Action.PROMOTE;
import static dev.rollwatch.events.StepCompleted.Action.RESUME;
import static dev.rollwatch.events.StepCompleted.Action.ROLLBACK;
import static dev.rollwatch.events.StepCompleted.Action.SET_WEIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.Strategy.CanaryStep;
import dev.rollwatch.events.Weights;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Canary releases without a mesh: traffic splits by pod count between the stable and the canary Deployment. */
@QuarkusTest
class CanaryReplicaRatioIT extends ExecutorIT {

    @Test
    void movesPodsStepByStepThenPromotesTheNewTemplateIntoTheStableDeployment() {
        cluster.app(4);
        String id = request(release()
                .steps(
                        CanaryStep.weight(10),
                        CanaryStep.pauseUntilResumed(),
                        CanaryStep.weight(50),
                        CanaryStep.pauseFor("3s"),
                        CanaryStep.weight(100))
                .build());

        StepCompleted first = awaitStep(id, 0, SET_WEIGHT);
        awaitStep(id, 1, PAUSE);
        // 10% of 4 pods rounds up to one canary pod: a quarter of the traffic, and the event says so.
        assertThat(first.weights()).isEqualTo(new Weights(25, 75));
        assertThat(first.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(first.stepCount()).isEqualTo(6);
        assertThat(first.stable())
                .isEqualTo(new StepCompleted.StableState(Cluster.OLD_IMAGE, "41", Weights.ALL_STABLE));
        assertThat(first.message()).contains("1 canary and 3 stable pods");
        Deployment canary = cluster.deployment("checkout-canary");
        assertThat(canary.getSpec().getReplicas()).isEqualTo(1);
        assertThat(canary.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo(Cluster.NEW_IMAGE);
        assertThat(canary.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(1)
                        .getImage())
                .isEqualTo("envoyproxy/envoy:v1.31.0");
        assertThat(canary.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app", "checkout")
                .containsEntry("team", "shop")
                .containsEntry("rollwatch.dev/track", "canary");
        assertThat(canary.getSpec().getSelector().getMatchLabels())
                .containsEntry("app", "checkout")
                .containsEntry("rollwatch.dev/track", "canary");
        assertThat(cluster.replicas("checkout")).isEqualTo(3);
        assertThat(cluster.image("checkout")).isEqualTo(Cluster.OLD_IMAGE);

        command(id, ReleaseCommand.Command.RESUME);

        StepCompleted half = awaitStep(id, 2, SET_WEIGHT);
        assertThat(half.weights()).isEqualTo(new Weights(50, 50));
        assertThat(cluster.replicas("checkout-canary")).isEqualTo(2);
        assertThat(cluster.replicas("checkout")).isEqualTo(2);

        StepCompleted all = awaitStep(id, 4, SET_WEIGHT);
        assertThat(all.weights()).isEqualTo(new Weights(100, 0));

        StepCompleted promoted = awaitPhase(id, Phase.COMPLETED);
        assertThat(promoted.action()).isEqualTo(PROMOTE);
        assertThat(promoted.stepIndex()).isEqualTo(5);
        assertThat(promoted.weights()).isEqualTo(Weights.ALL_STABLE);
        assertThat(cluster.image("checkout")).isEqualTo(Cluster.NEW_IMAGE);
        assertThat(cluster.replicas("checkout")).isEqualTo(4);
        assertThat(cluster.replicas("checkout-canary")).isZero();
        // The stable pods never carry the canary's track label.
        assertThat(cluster.deployment("checkout")
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels())
                .doesNotContainKey("rollwatch.dev/track");
        assertThat(actions(id)).containsExactly(SET_WEIGHT, PAUSE, RESUME, SET_WEIGHT, PAUSE, SET_WEIGHT, PROMOTE);
        assertNoDuplicates(id);
    }

    @Test
    void aRollbackInTheMiddleOfAPauseRestoresTheExactPriorState() {
        cluster.app(4);
        Deployment before = cluster.deployment("checkout");
        String id = request(release()
                .steps(CanaryStep.weight(50), CanaryStep.pauseFor("1h"), CanaryStep.weight(100))
                .build());
        awaitStep(id, 0, SET_WEIGHT);
        assertThat(cluster.replicas("checkout")).isEqualTo(2);

        rollback(id, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);

        StepCompleted rolledBack = awaitPhase(id, Phase.ROLLED_BACK);
        assertThat(rolledBack.action()).isEqualTo(ROLLBACK);
        assertThat(rolledBack.stepIndex()).isEqualTo(-1);
        assertThat(rolledBack.outcome()).isEqualTo(StepCompleted.Outcome.SUCCEEDED);
        assertThat(rolledBack.weights()).isEqualTo(Weights.ALL_STABLE);
        assertThat(rolledBack.stable().image()).isEqualTo(Cluster.OLD_IMAGE);
        assertThat(rolledBack.message()).contains("rolled back: health degraded", "checkout-canary scaled to 0");
        Deployment after = cluster.deployment("checkout");
        assertThat(after.getSpec().getTemplate()).isEqualTo(before.getSpec().getTemplate());
        assertThat(after.getSpec().getReplicas()).isEqualTo(4);
        assertThat(after.getSpec().getStrategy()).isEqualTo(before.getSpec().getStrategy());
        assertThat(cluster.replicas("checkout-canary")).isZero();
        assertThat(actions(id)).containsExactly(SET_WEIGHT, ROLLBACK);
    }

    @Test
    void theStableTemplateIsRecordedBeforeTheFirstChange() {
        cluster.app(2);
        PodTemplateSpec template = cluster.deployment("checkout").getSpec().getTemplate();
        String id = request(release().steps(CanaryStep.weight(50)).build());

        awaitPhase(id, Phase.COMPLETED);

        assertThat(steps(id))
                .allSatisfy(step -> assertThat(step.stable())
                        .isEqualTo(new StepCompleted.StableState(Cluster.OLD_IMAGE, "41", Weights.ALL_STABLE)));
        assertThat(cluster.deployment("checkout")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(1))
                .isEqualTo(template.getSpec().getContainers().get(1));
    }
}
