package dev.rollwatch.rollback.domain;

import dev.rollwatch.cluster.ReleaseObjects;
import dev.rollwatch.cluster.routing.Route;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Strategy;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kubernetes objects that show whether a release's restore took effect, named by the cluster
 * contract as the executor names them. Derived from the stored request each time, never stored.
 *
 * @param releaseId     the release
 * @param namespace     its namespace
 * @param deployment    the stable Deployment
 * @param service       the Service in front of the application
 * @param container     the container whose image the release changed; null for the first one
 * @param strategy      canary, blue-green or rolling
 * @param route         how a canary's traffic is split; null for blue-green and rolling
 * @param expectedImage the stable image the restore must bring back, when the executor reported it
 * @param releaseImage  the new image, which must no longer serve
 */
public record RestoreTarget(
        String releaseId,
        String namespace,
        String deployment,
        String service,
        String container,
        Strategy.Type strategy,
        Route route,
        String expectedImage,
        String releaseImage) {

    public RestoreTarget {
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(releaseImage, "releaseImage");
    }

    /** The stable Deployment as {@code namespace/name}: what two releases share when they restore the same thing. */
    public String workload() {
        return namespace + "/" + deployment;
    }

    /** The target of a release whose request is known; empty otherwise (its objects cannot be named). */
    public static Optional<RestoreTarget> of(ReleaseFacts facts) {
        ReleaseRequested request = facts.request();
        if (request == null) {
            return Optional.empty();
        }
        ReleaseRequested.Target target = request.target();
        String container = target == null ? null : target.container();
        Strategy.Type strategy =
                request.strategy() == null || request.strategy().type() == null
                        ? Strategy.Type.CANARY
                        : request.strategy().type();
        Route route = strategy == Strategy.Type.CANARY
                ? Route.of(request.namespace(), request.application(), request.trafficRouter())
                : null;
        String expected = facts.stable() == null ? null : facts.stable().image();
        return Optional.of(new RestoreTarget(
                facts.releaseId(),
                request.namespace(),
                ReleaseObjects.stableDeployment(request),
                ReleaseObjects.service(request),
                container,
                strategy,
                route,
                expected,
                request.image()));
    }
}
