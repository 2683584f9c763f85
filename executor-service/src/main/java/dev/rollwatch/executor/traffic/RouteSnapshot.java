package dev.rollwatch.executor.traffic;

import dev.rollwatch.events.Weights;

/**
 * The routing before a release.
 *
 * @param json    the routing object's spec (or the whole object) as JSON; null when it did not exist
 * @param weights the weights it gave
 */
public record RouteSnapshot(String json, Weights weights) {

    public static RouteSnapshot none() {
        return new RouteSnapshot(null, Weights.ALL_STABLE);
    }
}
