package dev.rollwatch.cluster.routing;

import dev.rollwatch.events.TrafficRouter;
import java.util.Optional;

/**
 * One traffic router's part of the contract: which object carries a canary's weights and how they
 * are read and written. One implementation per router, each in its own package, registered in
 * {@link Routings}; the executor and the rollback-service adapt it to their Kubernetes client.
 */
public interface Routing {

    /** The request's router type this implements. */
    TrafficRouter.Type type();

    /** Whether the canary needs its own Service (mesh and ingress routers send traffic to it by name). */
    boolean needsCanaryService();

    /**
     * The object that carries the weights at these API versions; empty when the router has none (a
     * replica-ratio canary's weights are its pod counts behind one Service).
     */
    Optional<WeightedObject> weightedObject(Route route, RouterVersions versions);
}
