package dev.rollwatch.notifier.outbound;

/**
 * The exchange broke after the request may have been received (timeout, connection reset). Worth
 * another attempt later, not at once. The message is built from the failure's type only, because
 * HTTP client messages can quote the request path, which may hold a webhook secret.
 */
public class ExchangeFailedException extends RuntimeException {

    public ExchangeFailedException(String message) {
        super(message, null, false, false);
    }
}
