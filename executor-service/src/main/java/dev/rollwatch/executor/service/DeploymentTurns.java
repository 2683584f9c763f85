package dev.rollwatch.executor.service;

import dev.rollwatch.cluster.ReleaseObjects;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.executor.domain.RolloutStatus;
import dev.rollwatch.executor.persistence.DeploymentLock;
import dev.rollwatch.executor.persistence.RolloutEntity;
import dev.rollwatch.executor.persistence.RolloutRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Releases of one Deployment take turns. Two at once would share its canary (or preview) Deployment
 * and its traffic weights, and each would restore a stable state the other changed; and once a newer
 * release has taken a Deployment over, an older release's rollback must not undo it. Both answers are
 * read under the Deployment's lock, in the caller's transaction, after the release's own row lock.
 */
@ApplicationScoped
public class DeploymentTurns {

    private final RolloutRepository rollouts;

    DeploymentTurns(RolloutRepository rollouts) {
        this.rollouts = rollouts;
    }

    /**
     * Why {@code request} may not start now (another release of its Deployment is in flight), or null
     * when it may. The release-service refuses such a request at its API; this catches one produced
     * straight on Kafka.
     */
    public Uni<String> refusalOf(ReleaseRequested request) {
        String namespace = request.namespace();
        String deployment = ReleaseObjects.stableDeployment(request);
        return DeploymentLock.acquire(namespace, deployment)
                .chain(() -> rollouts.inFlightOn(namespace, deployment, request.releaseId()))
                .map(inFlight -> inFlight == null
                        ? null
                        : "refused: another release of Deployment " + namespace + "/" + deployment
                                + " is in progress: " + inFlight.id + " (" + progressOf(inFlight) + "); releases of "
                                + "one Deployment run one at a time, so this release changed nothing; release it "
                                + "again once " + inFlight.id + " has finished");
    }

    /**
     * The newest release of the same Deployment registered after {@code release}, or null. Under the
     * Deployment's lock, so a release starting right now is either seen here or refused because this
     * one is restoring.
     */
    public Uni<String> newerReleaseOf(RolloutEntity release) {
        if (release == null || release.deployment == null) {
            return Uni.createFrom().nullItem();
        }
        return DeploymentLock.acquire(release.namespace, release.deployment)
                .chain(() -> rollouts.newestAfter(release))
                .map(newer -> newer == null ? null : newer.id);
    }

    private static String progressOf(RolloutEntity release) {
        if (release.restoreKind != null) {
            return "restoring its stable state";
        }
        return release.status == RolloutStatus.PENDING
                ? "starting"
                : "running, step " + (release.stepIndex + 1) + " of " + release.stepCount;
    }
}
