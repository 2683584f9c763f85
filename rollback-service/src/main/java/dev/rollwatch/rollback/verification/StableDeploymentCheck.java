package dev.rollwatch.rollback.verification;

import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;
import java.util.Optional;

/**
 * The stable Deployment after a restore: its pod template runs the stable image again (or, when the
 * executor never reported which image that is, no longer the release's image), the controller has
 * rolled that template out, and every desired replica is ready with no old pod left.
 */
public final class StableDeploymentCheck {

    private StableDeploymentCheck() {}

    public static Finding check(RestoreTarget target, Optional<Deployment> found) {
        String name = target.namespace() + "/" + target.deployment();
        if (found.isEmpty()) {
            return Finding.notVerified("Deployment " + name + " not found");
        }
        Deployment deployment = found.get();
        Optional<Container> container = container(deployment, target.container());
        if (container.isEmpty()) {
            return Finding.notVerified("Deployment " + name + " has no container "
                    + (target.container() == null ? "" : "'" + target.container() + "'"));
        }
        String image = container.get().getImage();
        if (target.expectedImage() != null && !target.expectedImage().equals(image)) {
            return Finding.notVerified(
                    "Deployment " + name + " runs " + image + ", expected the stable " + target.expectedImage());
        }
        if (target.expectedImage() == null && target.releaseImage().equals(image)) {
            return Finding.notVerified("Deployment " + name + " still runs the release's image " + image);
        }
        int desired = deployment.getSpec().getReplicas() == null
                ? 1
                : deployment.getSpec().getReplicas();
        if (desired == 0) {
            return Finding.notVerified("Deployment " + name + " is scaled to 0");
        }
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        Long generation = deployment.getMetadata().getGeneration();
        if (generation != null
                && (status.getObservedGeneration() == null || status.getObservedGeneration() < generation)) {
            return Finding.notVerified(
                    "Deployment " + name + ": generation " + generation + " not yet observed by the controller");
        }
        int updated = orZero(status.getUpdatedReplicas());
        int ready = orZero(status.getReadyReplicas());
        int total = orZero(status.getReplicas());
        if (updated < desired) {
            return Finding.notVerified("Deployment " + name + ": " + updated + "/" + desired + " replicas updated");
        }
        if (ready < desired) {
            return Finding.notVerified("Deployment " + name + ": " + ready + "/" + desired + " replicas ready");
        }
        if (total > desired) {
            return Finding.notVerified("Deployment " + name + ": " + (total - desired) + " old replicas still running");
        }
        return Finding.verified(shortImage(image) + " ready (" + ready + "/" + desired + ")");
    }

    private static Optional<Container> container(Deployment deployment, String name) {
        if (deployment.getSpec() == null
                || deployment.getSpec().getTemplate() == null
                || deployment.getSpec().getTemplate().getSpec() == null) {
            return Optional.empty();
        }
        List<Container> containers =
                deployment.getSpec().getTemplate().getSpec().getContainers();
        if (containers == null || containers.isEmpty()) {
            return Optional.empty();
        }
        return name == null
                ? Optional.of(containers.get(0))
                : containers.stream().filter(c -> name.equals(c.getName())).findFirst();
    }

    /** {@code registry.example.com/shop/checkout:1.4.1} reads as {@code checkout:1.4.1}. */
    static String shortImage(String image) {
        return image == null ? "?" : image.substring(image.lastIndexOf('/') + 1);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
