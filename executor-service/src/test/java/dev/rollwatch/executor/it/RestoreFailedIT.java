package dev.rollwatch.executor.it;

import static dev.rollwatch.events.StepCompleted.Action.PAUSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.StepCompleted.Phase;
import dev.rollwatch.events.StepCompleted.RollbackAnswer;
import dev.rollwatch.events.Strategy.CanaryStep;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A restore that cannot be carried out (its stable Deployment was deleted under it) is not reported as
 * a finished rollback: the release is restore-failed, reported once, keeps its Deployment from other
 * releases, and is tried again until it works or an operator resolves it.
 */
@QuarkusTest
class RestoreFailedIT extends ExecutorIT {

    /** A release paused at 50% whose stable Deployment someone then deleted; returns the deleted object. */
    private Deployment pausedWithItsStableDeploymentDeleted(String releaseId) {
        awaitStep(releaseId, 1, PAUSE);
        await().atMost(WAIT).until(() -> controller.settled(cluster.namespace, Cluster.APP));
        Deployment stable = cluster.deployment(Cluster.APP);
        cluster.client
                .apps()
                .deployments()
                .inNamespace(cluster.namespace)
                .withName(Cluster.APP)
                .delete();
        return stable;
    }

    private void recreate(Deployment deleted) {
        cluster.client
                .apps()
                .deployments()
                .inNamespace(cluster.namespace)
                .resource(new DeploymentBuilder(deleted)
                        .withMetadata(new ObjectMetaBuilder(deleted.getMetadata())
                                .withResourceVersion(null)
                                .withUid(null)
                                .build())
                        .withStatus(null)
                        .build())
                .create();
    }

    private String pausedAtHalf() {
        return request(release()
                .steps(CanaryStep.weight(50), CanaryStep.pauseUntilResumed())
                .build());
    }

    private long restoreFailedReports(String releaseId) {
        return steps(releaseId).stream()
                .filter(s -> s.phase() == Phase.RESTORE_FAILED)
                .count();
    }

    @Test
    void aRestoreThatFailsIsReportedOnceBlocksTheDeploymentAndIsCarriedOutWhenItBecomesPossible() {
        cluster.app(4);
        String releaseId = pausedAtHalf();
        Deployment deleted = pausedWithItsStableDeploymentDeleted(releaseId);

        rollback(releaseId, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);

        StepCompleted failing = awaitPhase(releaseId, Phase.RESTORE_FAILED);
        assertThat(failing.action()).isEqualTo(StepCompleted.Action.ROLLBACK);
        assertThat(failing.rollback()).isEqualTo(RollbackAnswer.FAILED);
        assertThat(failing.message()).contains("restore of the stable state failed");
        // The Deployment is still this release's: a new release of it is refused at once, naming it.
        String next = request(release().build());
        assertThat(awaitPhase(next, Phase.FAILED).message()).contains(releaseId);

        recreate(deleted);

        StepCompleted restored = awaitPhase(releaseId, Phase.ROLLED_BACK);
        assertThat(restored.rollback()).isEqualTo(RollbackAnswer.RESTORED);
        assertThat(cluster.image(Cluster.APP)).isEqualTo(Cluster.OLD_IMAGE);
        assertThat(restoreFailedReports(releaseId)).isOne();
    }

    @Test
    void anOperatorsResolveEndsARestoreFailedReleaseFailedAndFreesTheDeployment() {
        cluster.app(4);
        String releaseId = pausedAtHalf();
        Deployment deleted = pausedWithItsStableDeploymentDeleted(releaseId);
        rollback(releaseId, RollbackTriggered.Reason.HEALTH_DEGRADED, 1);
        awaitPhase(releaseId, Phase.RESTORE_FAILED);

        command(releaseId, ReleaseCommand.Command.RESOLVE);

        StepCompleted resolved = awaitPhase(releaseId, Phase.FAILED);
        assertThat(resolved.action()).isEqualTo(StepCompleted.Action.ROLLBACK);
        assertThat(resolved.rollback()).isEqualTo(RollbackAnswer.FAILED);
        assertThat(resolved.message()).contains("resolve by", "the restore is no longer tried");
        // No more tries: the operator put the cluster right by hand (here, after resolving).
        recreate(deleted);
        assertQuietFor(releaseId, java.time.Duration.ofSeconds(1));
        String next = request(release().build());
        awaitStep(next, s -> s.stepIndex() == 0 && s.outcome() == StepCompleted.Outcome.SUCCEEDED);
    }
}
