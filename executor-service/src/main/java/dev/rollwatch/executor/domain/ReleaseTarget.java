package dev.rollwatch.executor.domain;

import dev.rollwatch.cluster.ReleaseObjects;
import dev.rollwatch.events.ReleaseRequested;

/**
 * The Kubernetes objects one release works on, with the request's defaults applied.
 *
 * @param namespace         the namespace
 * @param application       the application
 * @param deployment        the stable Deployment (target.deployment, default: the application)
 * @param service           the Service in front of it (target.service, default: the application)
 * @param container         the container whose image changes (target.container, null: the first)
 * @param canaryDeployment  the canary Deployment beside the stable one
 * @param previewDeployment the blue-green preview Deployment
 * @param previewService    the Service reaching the preview for smoke tests (null: none)
 * @param image             the new image
 */
public record ReleaseTarget(
        String namespace,
        String application,
        String deployment,
        String service,
        String container,
        String canaryDeployment,
        String previewDeployment,
        String previewService,
        String image) {

    public static ReleaseTarget of(ReleaseRequested request, ReleaseObjects objects) {
        ReleaseRequested.Target target = request.target();
        String deployment = ReleaseObjects.stableDeployment(request);
        String service = ReleaseObjects.service(request);
        String container = target != null ? target.container() : null;
        String previewService = request.strategy().blueGreen() != null
                ? request.strategy().blueGreen().previewService()
                : null;
        return new ReleaseTarget(
                request.namespace(),
                request.application(),
                deployment,
                service,
                container,
                objects.canaryDeployment(deployment),
                objects.previewDeployment(deployment),
                previewService,
                request.image());
    }
}
