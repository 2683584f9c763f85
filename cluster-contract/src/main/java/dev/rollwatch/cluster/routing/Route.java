package dev.rollwatch.cluster.routing;

import dev.rollwatch.events.TrafficRouter;
import java.util.Map;
import java.util.Objects;

/**
 * The routing of one canary release, with the request's defaults applied: which router, which object
 * carries the weights and which Services stand for the two versions.
 *
 * @param type          the router
 * @param namespace     the release's namespace
 * @param resource      the routing object (VirtualService, HTTPRoute, stable Ingress, TrafficSplit);
 *                      {@code trafficRouter.resource}, default the application
 * @param stableService the Service of the stable pods ({@code trafficRouter.stableService}, default the application)
 * @param canaryService the Service of the new pods ({@code trafficRouter.canaryService}, default
 *                      {@code <application>-canary})
 * @param options       router-specific settings ({@code trafficRouter.options})
 */
public record Route(
        TrafficRouter.Type type,
        String namespace,
        String resource,
        String stableService,
        String canaryService,
        Map<String, String> options) {

    public static final String CANARY_SERVICE_SUFFIX = "-canary";

    public Route {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(stableService, "stableService");
        Objects.requireNonNull(canaryService, "canaryService");
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /**
     * The route of a canary release. Without a router a canary splits traffic by replica counts
     * behind the application's Service.
     */
    public static Route of(String namespace, String application, TrafficRouter router) {
        if (router == null || router.type() == null) {
            return new Route(
                    TrafficRouter.Type.REPLICA_RATIO,
                    namespace,
                    application,
                    application,
                    application + CANARY_SERVICE_SUFFIX,
                    Map.of());
        }
        return new Route(
                router.type(),
                namespace,
                router.resource() != null ? router.resource() : application,
                router.stableService() != null ? router.stableService() : application,
                router.canaryService() != null ? router.canaryService() : application + CANARY_SERVICE_SUFFIX,
                router.options());
    }

    public String option(String key) {
        return options.get(key);
    }

    /** {@code namespace/name}, how people and messages name an object of this release. */
    public String qualified(String name) {
        return namespace + "/" + name;
    }
}
