package dev.rollwatch.notifier.outbound;

/**
 * An outgoing URL the notifier will not call. The message names the reason and at most the host,
 * never the path or query (which may carry a secret), so it is safe for logs and dead-letter headers.
 */
public class UrlRefusedException extends RuntimeException {

    public UrlRefusedException(String reason) {
        super(reason);
    }
}
