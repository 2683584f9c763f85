package dev.rollwatch.cluster.routing;

import java.util.List;

/** Reads the weights a routing object gives the stable and the canary version, route by route. */
@FunctionalInterface
public interface WeightReader {

    /**
     * @return one entry per route of the object that the router manages (empty when none names the
     *     release's Services); never throws on an unexpected shape
     */
    List<RouteWeights> read(RoutingObject object, Route route);
}
