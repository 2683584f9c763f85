package dev.rollwatch.cluster.routing;

/**
 * A routing object that cannot carry the release's weights as it is (no route with both Services,
 * no backend to mirror): the message says what is missing, for the step that fails on it.
 */
public class RoutingException extends RuntimeException {

    public RoutingException(String message) {
        super(message);
    }
}
