package dev.rollwatch.executor.traffic;

import java.util.Map;

/**
 * Everything a router needs to know about one release.
 *
 * @param releaseId        the release
 * @param namespace        the namespace
 * @param stableDeployment the stable Deployment
 * @param canaryDeployment the canary Deployment
 * @param stableReplicas   the stable Deployment's replicas before the release
 * @param resource         the routing object's name (trafficRouter.resource, default: the application)
 * @param stableService    the Service selecting stable pods (default: the application)
 * @param canaryService    the Service selecting canary pods (default: {@code <application>-canary})
 * @param options          router-specific settings
 */
public record RouteContext(
        String releaseId,
        String namespace,
        String stableDeployment,
        String canaryDeployment,
        int stableReplicas,
        String resource,
        String stableService,
        String canaryService,
        Map<String, String> options) {

    public RouteContext {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public String option(String key) {
        return options.get(key);
    }

    public String qualified(String name) {
        return namespace + "/" + name;
    }
}
