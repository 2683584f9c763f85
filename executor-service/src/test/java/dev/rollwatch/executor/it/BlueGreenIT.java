package dev.rollwatch.executor.it;

import static dev.rollwatch.events.StepCompleted.Action.DEPLOY_PREVIEW;
import static dev.rollwatch.events.StepCompleted.Action.PAUSE;
import static dev.rollwatch.events.StepCompleted.Action.RESUME;
import static dev.rollwatch.events.StepCompleted.Action.ROLLBACK;
import static dev.rollwatch.events.StepCompleted.Action.SCALE_DOWN;
import static dev.rollwatch.events.StepCompleted.Action.SWITCH_TRAFFIC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.Weights;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Blue-green: the new version runs as a preview beside the active one, the Service selector
 * switches to it, and the old version keeps running for the scale-down delay so a rollback is a
 * selector change.
 */
@QuarkusTest
class BlueGreenIT extends ExecutorIT {

    private static final Map<String, String> ACTIVE = Map.of("app", "checkout");
    private static final Map<String, String> PREVIEW = Map.of("app", "checkout", "rollwatch.dev/track", "preview");

    private String blueGreen(Boolean autoPromote, String scaleDownDelay) {
        return request(release()
                .strategy(new Strategy(
                        Strategy.Type.BLUE_GREEN,
                        null,
                        new Strategy.BlueGreen("checkout-preview", autoPromote, scaleDownDelay, null),
                        null,
                        "1m"))
                .trafficRouter(null)
                .build());
    }

    @Test
    void deploysThePreviewSwitchesTheSelectorAndScalesTheOldVersionDownAfterTheDelay() {
        cluster.app(3);
        String id = blueGreen(true, "10s");

        StepCompleted preview = awaitStep(id, 0, DEPLOY_PREVIEW);
        assertThat(preview.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(preview.weights()).isEqualTo(Weights.ALL_STABLE);
        assertThat(preview.stepCount()).isEqualTo(3);

        StepCompleted switched = awaitStep(id, 1, SWITCH_TRAFFIC);
        assertThat(switched.weights()).isEqualTo(new Weights(100, 0));
        assertThat(cluster.service("checkout").getSpec().getSelector()).isEqualTo(PREVIEW);
        assertThat(cluster.replicas("checkout-preview")).isEqualTo(3);
        assertThat(cluster.image("checkout-preview")).isEqualTo(Cluster.NEW_IMAGE);
        assertThat(cluster.service("checkout-preview").getSpec().getSelector()).isEqualTo(PREVIEW);
        // The old version keeps running, untouched, for an instant rollback.
        assertThat(cluster.image("checkout")).isEqualTo(Cluster.OLD_IMAGE);
        assertThat(cluster.replicas("checkout")).isEqualTo(3);

        StepCompleted done = awaitPhase(id, Phase.COMPLETED);
        assertThat(done.action()).isEqualTo(SCALE_DOWN);
        assertThat(done.weights()).isEqualTo(Weights.ALL_STABLE);
        assertThat(cluster.image("checkout")).isEqualTo(Cluster.NEW_IMAGE);
        assertThat(cluster.service("checkout").getSpec().getSelector()).isEqualTo(ACTIVE);
        assertThat(cluster.replicas("checkout-preview")).isZero();
        assertThat(actions(id)).containsExactly(DEPLOY_PREVIEW, SWITCH_TRAFFIC, SCALE_DOWN);
        assertNoDuplicates(id);
    }

    @Test
    void withoutAutoPromoteWaitsForPromoteAndARollbackDuringTheDelayIsASelectorSwitch() {
        cluster.app(2);
        PodTemplateSpec before = cluster.deployment("checkout").getSpec().getTemplate();
        String id = blueGreen(false, "1h");

        StepCompleted waiting = awaitStep(id, 1, PAUSE);
        assertThat(waiting.phase()).isEqualTo(Phase.PAUSED);
        assertThat(waiting.message()).contains("waiting for promote");
        assertThat(cluster.service("checkout").getSpec().getSelector()).isEqualTo(ACTIVE);
        assertThat(cluster.replicas("checkout-preview")).isEqualTo(2);

        command(id, ReleaseCommand.Command.PROMOTE);
        awaitStep(id, 2, SWITCH_TRAFFIC);
        assertThat(cluster.service("checkout").getSpec().getSelector()).isEqualTo(PREVIEW);

        rollback(id, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);

        StepCompleted rolledBack = awaitPhase(id, Phase.ROLLED_BACK);
        assertThat(rolledBack.action()).isEqualTo(ROLLBACK);
        assertThat(rolledBack.message())
                .contains("Service checkout selects the stable pods again", "checkout-preview scaled to 0");
        assertThat(cluster.service("checkout").getSpec().getSelector()).isEqualTo(ACTIVE);
        assertThat(cluster.replicas("checkout-preview")).isZero();
        assertThat(cluster.deployment("checkout").getSpec().getTemplate()).isEqualTo(before);
        assertThat(actions(id)).containsExactly(DEPLOY_PREVIEW, PAUSE, RESUME, SWITCH_TRAFFIC, ROLLBACK);
    }

    @Test
    void withoutTheServiceTheReleaseFailsBeforeAnyChange() {
        cluster.app(2);
        client.services().inNamespace(cluster.namespace).withName("checkout").delete();

        String id = blueGreen(true, "1s");

        StepCompleted failed = awaitPhase(id, Phase.FAILED);
        assertThat(failed.message()).contains("Service " + cluster.namespace + "/checkout not found");
        assertThat(cluster.deployment("checkout-preview")).isNull();
    }
}
