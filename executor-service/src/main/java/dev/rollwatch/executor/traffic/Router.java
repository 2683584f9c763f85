package dev.rollwatch.executor.traffic;

import dev.rollwatch.cluster.routing.replicaratio.ReplicaSplit;
import dev.rollwatch.events.TrafficRouter;
import java.util.Optional;

/**
 * Splits a canary release's traffic between the stable and the canary version. One implementation
 * per router type, each in its own package; {@link Routers} picks one by type. Implementations are
 * blocking (fabric8) and idempotent: routing the same weight twice changes nothing.
 */
public interface Router {

    /** The request's router type this implements. */
    TrafficRouter.Type type();

    /** How many canary pods run at {@code weight}% when the stable Deployment has {@code stableReplicas}. */
    default int canaryReplicas(int stableReplicas, int weight) {
        return ReplicaSplit.canaryReplicas(stableReplicas, weight);
    }

    /** Whether the canary needs its own Service (the mesh and ingress routers send traffic to it). */
    default boolean needsCanaryService() {
        return true;
    }

    /**
     * Reads the routing as it is before the release's first change (so it can be restored exactly).
     * Fails with a {@code StepFailure} naming what is missing when the router cannot work here.
     */
    RouteSnapshot snapshot(RouteContext route);

    /**
     * Why the release must not use an object this router would create and rewrite wholesale, which
     * exists but is not Rollwatch's for the release's stable Deployment (see {@code Ownership}); empty
     * when there is none. Objects the router only patches (weights) are snapshotted and restored instead.
     */
    default Optional<String> foreignObject(RouteContext route) {
        return Optional.empty();
    }

    /** Sends {@code weight}% of the traffic to the canary (the canary pods are ready). */
    Routed route(RouteContext route, int weight);

    /** Puts the routing back exactly as {@code snapshot} recorded it: all traffic to stable. */
    void restore(RouteContext route, RouteSnapshot snapshot);
}
