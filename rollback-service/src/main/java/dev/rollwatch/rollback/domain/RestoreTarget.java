package dev.rollwatch.rollback.domain;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kubernetes objects that show whether a release's restore took effect, named with the
 * contract's defaults (Deployment and Service after the application, canary Service
 * {@code <application>-canary}, routing object after the application).
 *
 * @param releaseId     the release
 * @param namespace     its namespace
 * @param deployment    the stable Deployment
 * @param service       the Service in front of the application
 * @param container     the container whose image the release changed; null for the first one
 * @param strategy      canary, blue-green or rolling
 * @param routing       how a canary's traffic is split; null for blue-green and rolling
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
        Routing routing,
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

    /**
     * A canary's traffic router.
     *
     * @param type          the router
     * @param resource      the routing object (VirtualService, HTTPRoute, stable Ingress, TrafficSplit)
     * @param stableService the Service of the stable pods
     * @param canaryService the Service of the new pods
     * @param options       router-specific settings
     */
    public record Routing(
            TrafficRouter.Type type,
            String resource,
            String stableService,
            String canaryService,
            Map<String, String> options) {

        public Routing {
            Objects.requireNonNull(type, "type");
            options = options == null ? Map.of() : Map.copyOf(options);
        }

        public String option(String key) {
            return options.get(key);
        }
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
        String app = request.application();
        ReleaseRequested.Target target = request.target();
        String deployment = target != null && target.deployment() != null ? target.deployment() : app;
        String service = target != null && target.service() != null ? target.service() : app;
        String container = target == null ? null : target.container();
        Strategy.Type strategy =
                request.strategy() == null || request.strategy().type() == null
                        ? Strategy.Type.CANARY
                        : request.strategy().type();
        Routing routing = strategy == Strategy.Type.CANARY ? routing(request.trafficRouter(), app, service) : null;
        String expected = facts.stable() == null ? null : facts.stable().image();
        return Optional.of(new RestoreTarget(
                facts.releaseId(),
                request.namespace(),
                deployment,
                service,
                container,
                strategy,
                routing,
                expected,
                request.image()));
    }

    private static Routing routing(TrafficRouter router, String app, String service) {
        if (router == null || router.type() == null) {
            // A canary without a router splits traffic by replica counts behind the application's Service.
            return new Routing(TrafficRouter.Type.REPLICA_RATIO, service, app, app + "-canary", Map.of());
        }
        return new Routing(
                router.type(),
                router.resource() != null ? router.resource() : app,
                router.stableService() != null ? router.stableService() : app,
                router.canaryService() != null ? router.canaryService() : app + "-canary",
                router.options());
    }
}
