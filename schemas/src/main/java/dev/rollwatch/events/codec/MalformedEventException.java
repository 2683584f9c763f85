package dev.rollwatch.events.codec;

/**
 * A record that is not a valid Rollwatch event: missing or bad CloudEvents headers, an unknown type or
 * version, unreadable JSON, or a payload its schema rejects. Such a record goes to the dead-letter
 * topic with {@link #getMessage()} as the reason; retrying it can never succeed.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason);
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
