package dev.rollwatch.notifier.channel;

import java.time.Duration;

/** How one attempt went. */
public sealed interface DeliveryResult {

    /** Delivered; {@code thread} is what later deliveries to the target need (a new parent, a new incident), or null. */
    record Sent(ThreadRef thread) implements DeliveryResult {}

    /** Failed for a reason that may pass (5xx, timeout, connection refused): try again after a backoff. */
    record Retry(String reason) implements DeliveryResult {}

    /** The service asked to slow down (429, 420): wait as long as it said; never counts as a failure. */
    record RateLimited(Duration retryAfter, String reason) implements DeliveryResult {}

    /** Can never succeed (revoked webhook, invalid token, refused URL): dead-letter it. */
    record Rejected(String reason) implements DeliveryResult {}

    /**
     * The request may or may not have taken effect (it went out, no answer came back) and repeating it
     * could create a second thread or incident: not sent again, reported for people to check.
     */
    record Uncertain(String reason) implements DeliveryResult {}

    /** Nothing to do any more (e.g. no parent message to update); recorded, not sent. */
    record Skipped(String reason) implements DeliveryResult {}

    static DeliveryResult sent() {
        return new Sent(null);
    }
}
