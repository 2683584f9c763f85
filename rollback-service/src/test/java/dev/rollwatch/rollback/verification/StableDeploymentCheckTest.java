package dev.rollwatch.rollback.verification;

import static dev.rollwatch.rollback.testing.ClusterObjects.deployment;
import static dev.rollwatch.rollback.testing.ClusterObjects.labels;
import static dev.rollwatch.rollback.traffic.Targets.NEW_IMAGE;
import static dev.rollwatch.rollback.traffic.Targets.STABLE_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Strategy;
import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.traffic.Targets;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StableDeploymentCheckTest {

    private static final RestoreTarget TARGET = Targets.of(Strategy.Type.ROLLING);

    private static Deployment stable(int replicas, int ready) {
        return deployment("shop", "checkout", STABLE_IMAGE, labels("app", "checkout"), replicas, ready);
    }

    @Test
    void theRestoredImageWithEveryReplicaReadyIsRestored() {
        Finding finding = StableDeploymentCheck.check(TARGET, Optional.of(stable(4, 4)));

        assertThat(finding.verified()).isTrue();
        assertThat(finding.detail()).isEqualTo("checkout:1.4.1 ready (4/4)");
    }

    @Test
    void replicasNotReadyYetAreNotRestored() {
        assertThat(StableDeploymentCheck.check(TARGET, Optional.of(stable(4, 2)))
                        .detail())
                .isEqualTo("Deployment shop/checkout: 2/4 replicas ready");
    }

    @Test
    void theReleasesImageStillInTheTemplateIsNotRestored() {
        Deployment stillNew = deployment("shop", "checkout", NEW_IMAGE, labels("app", "checkout"), 4, 4);

        assertThat(StableDeploymentCheck.check(TARGET, Optional.of(stillNew)).detail())
                .contains("runs " + NEW_IMAGE + ", expected the stable " + STABLE_IMAGE);
    }

    @Test
    void withoutAReportedStableImageTheReleasesImageMustBeGone() {
        RestoreTarget unknownStable = new RestoreTarget(
                "rel-1", "shop", "checkout", "checkout", null, Strategy.Type.ROLLING, null, null, NEW_IMAGE);
        Deployment stillNew = deployment("shop", "checkout", NEW_IMAGE, labels("app", "checkout"), 4, 4);

        assertThat(StableDeploymentCheck.check(unknownStable, Optional.of(stillNew))
                        .detail())
                .contains("still runs the release's image");
        assertThat(StableDeploymentCheck.check(unknownStable, Optional.of(stable(4, 4)))
                        .verified())
                .isTrue();
    }

    @Test
    void oldPodsStillRunningAreNotRestored() {
        Deployment rolling = new DeploymentBuilder(stable(4, 4))
                .editStatus()
                .withReplicas(6)
                .endStatus()
                .build();

        assertThat(StableDeploymentCheck.check(TARGET, Optional.of(rolling)).detail())
                .contains("2 old replicas");
    }

    @Test
    void aTemplateTheControllerHasNotSeenIsNotRestored() {
        Deployment unseen = new DeploymentBuilder(stable(4, 4))
                .editMetadata()
                .withGeneration(4L)
                .endMetadata()
                .build();

        assertThat(StableDeploymentCheck.check(TARGET, Optional.of(unseen)).detail())
                .contains("generation 4 not yet observed");
    }

    @Test
    void aDeploymentScaledToZeroIsNotRestored() {
        assertThat(StableDeploymentCheck.check(TARGET, Optional.of(stable(0, 0)))
                        .detail())
                .contains("scaled to 0");
    }

    @Test
    void theNamedContainerIsTheOneChecked() {
        Deployment twoContainers = new DeploymentBuilder(stable(4, 4))
                .editSpec()
                .editTemplate()
                .editSpec()
                .addNewContainer()
                .withName("sidecar")
                .withImage("envoy:1.30")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        RestoreTarget sidecar = new RestoreTarget(
                "rel-1",
                "shop",
                "checkout",
                "checkout",
                "sidecar",
                Strategy.Type.ROLLING,
                null,
                STABLE_IMAGE,
                NEW_IMAGE);
        RestoreTarget missing = new RestoreTarget(
                "rel-1",
                "shop",
                "checkout",
                "checkout",
                "worker",
                Strategy.Type.ROLLING,
                null,
                STABLE_IMAGE,
                NEW_IMAGE);

        assertThat(StableDeploymentCheck.check(sidecar, Optional.of(twoContainers))
                        .detail())
                .contains("runs envoy:1.30");
        assertThat(StableDeploymentCheck.check(missing, Optional.of(twoContainers))
                        .detail())
                .contains("has no container 'worker'");
    }

    @Test
    void aMissingDeploymentIsAFinding() {
        assertThat(StableDeploymentCheck.check(TARGET, Optional.empty()).detail())
                .isEqualTo("Deployment shop/checkout not found");
    }
}
