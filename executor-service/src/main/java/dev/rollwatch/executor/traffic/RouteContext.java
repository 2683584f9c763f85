package dev.rollwatch.executor.traffic;

import dev.rollwatch.cluster.routing.Route;
import java.util.Objects;

/**
 * Everything a router needs to know about one release: the contract's {@link Route} (which object
 * carries the weights, which Services stand for the versions) and the Deployments behind it.
 *
 * @param releaseId        the release
 * @param route            the release's routing, with the request's defaults applied
 * @param stableDeployment the stable Deployment
 * @param canaryDeployment the canary Deployment
 * @param stableReplicas   the stable Deployment's replicas before the release
 */
public record RouteContext(
        String releaseId, Route route, String stableDeployment, String canaryDeployment, int stableReplicas) {

    public RouteContext {
        Objects.requireNonNull(route, "route");
    }

    public String namespace() {
        return route.namespace();
    }

    public String resource() {
        return route.resource();
    }

    public String stableService() {
        return route.stableService();
    }

    public String canaryService() {
        return route.canaryService();
    }

    public String option(String key) {
        return route.option(key);
    }

    public String qualified(String name) {
        return route.qualified(name);
    }
}
