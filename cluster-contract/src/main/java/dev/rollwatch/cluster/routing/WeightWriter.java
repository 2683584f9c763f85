package dev.rollwatch.cluster.routing;

/**
 * Sets the canary's weight in a routing object, touching only the fields the router owns.
 * Idempotent: writing the weight in force changes nothing.
 */
@FunctionalInterface
public interface WeightWriter {

    /**
     * @param canaryWeight the canary's share in percent (0–100); the stable Service gets the rest
     * @return whether the object changed (only then does it need to be written back)
     * @throws RoutingException when the object cannot carry the weights as it is, saying what is missing
     */
    boolean write(RoutingObject object, Route route, int canaryWeight);
}
