package dev.rollwatch.notifier.outbound;

/**
 * The connection could not be opened (refused, unreachable, unknown host): the request never left,
 * so trying again at once cannot duplicate a message. The message never holds the URL.
 */
public class ConnectFailedException extends RuntimeException {

    public ConnectFailedException(String message) {
        super(message, null, false, false);
    }
}
