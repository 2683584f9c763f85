package dev.rollwatch.notifier.channel;

import dev.rollwatch.notifier.outbound.ConnectFailedException;
import dev.rollwatch.notifier.outbound.ExchangeFailedException;
import dev.rollwatch.notifier.outbound.HttpReply;
import dev.rollwatch.notifier.outbound.UrlRefusedException;
import java.time.Clock;

/** What the providers share in judging an attempt. */
public final class Failures {

    private Failures() {
    }

    /**
     * A failed exchange as a result. Messages are built by the outbound layer from the failure's type
     * and host only, never from the client's own messages, which can quote a secret URL path.
     */
    public static DeliveryResult of(Throwable failure) {
        if (failure instanceof UrlRefusedException refused) {
            return new DeliveryResult.Rejected("URL refused: " + refused.getMessage());
        }
        if (failure instanceof ConnectFailedException || failure instanceof ExchangeFailedException) {
            return new DeliveryResult.Retry(failure.getMessage());
        }
        if (failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            return new DeliveryResult.Retry("timed out");
        }
        return new DeliveryResult.Retry("unexpected failure (" + failure.getClass().getSimpleName() + ")");
    }

    /** A 429 (or Statuspage's 420) with the wait the service asked for, if it said. */
    public static DeliveryResult rateLimited(HttpReply reply, Clock clock, String service) {
        return new DeliveryResult.RateLimited(reply.retryAfter(clock).orElse(null),
                service + " rate limit (HTTP " + reply.status() + ")");
    }

    /** The usual meaning of an HTTP status for a message that was not delivered. */
    public static DeliveryResult ofStatus(HttpReply reply, Clock clock, String service) {
        int status = reply.status();
        if (status == 429) {
            return rateLimited(reply, clock, service);
        }
        if (status == 408 || status >= 500) {
            return new DeliveryResult.Retry(service + " answered HTTP " + status);
        }
        if (status >= 300 && status < 400) {
            return new DeliveryResult.Rejected(service + " redirected (HTTP " + status
                    + ") and only 307/308 are followed: update the URL");
        }
        String detail = reply.bodyExcerpt();
        return new DeliveryResult.Rejected(service + " refused the message (HTTP " + status + ")"
                + (detail.isEmpty() ? "" : ": " + detail));
    }
}
