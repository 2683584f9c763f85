package dev.rollwatch.notifier.channel;

import dev.rollwatch.notifier.outbound.ConnectFailedException;
import dev.rollwatch.notifier.outbound.ExchangeFailedException;
import dev.rollwatch.notifier.outbound.HttpReply;
import dev.rollwatch.notifier.outbound.UrlRefusedException;
import java.time.Clock;

/**
 * What the providers share in judging an attempt. Every reason built here is logged, stored and sent
 * as the dead-letter reason header, so it is made of status codes, error codes a provider documents
 * and the outbound layer's own messages, never of anything the remote end or the HTTP client wrote.
 */
public final class Failures {

    private Failures() {}

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
        return new DeliveryResult.Retry(
                "unexpected failure (" + failure.getClass().getSimpleName() + ")");
    }

    /**
     * A failed exchange of a request that creates something and must not be sent twice (Slack and
     * Statuspage offer no idempotency key). When the request may have arrived (no answer in time, the
     * connection broke mid-exchange) the outcome is {@link DeliveryResult.Uncertain}, not a retry; a
     * request that never left is retried as usual.
     *
     * @param what what a repeat would duplicate, for the reason, e.g. "the release's parent message"
     */
    public static DeliveryResult ofUnrepeatable(Throwable failure, String what) {
        if (failure instanceof ExchangeFailedException
                || failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            String how = failure instanceof ExchangeFailedException ? failure.getMessage() : "timed out";
            return new DeliveryResult.Uncertain("outcome unknown (" + how + "): " + what
                    + " may have been created, and is not sent again so that it cannot exist twice");
        }
        return of(failure);
    }

    /** A 429 (or Statuspage's 420) with the wait the service asked for, if it said. */
    public static DeliveryResult rateLimited(HttpReply reply, Clock clock, String service) {
        return new DeliveryResult.RateLimited(
                reply.retryAfter(clock).orElse(null), service + " rate limit (HTTP " + reply.status() + ")");
    }

    /** The usual meaning of an HTTP status for a message that was not delivered; the body is never quoted. */
    public static DeliveryResult ofStatus(HttpReply reply, Clock clock, String service) {
        return ofStatus(reply, clock, service, null);
    }

    /**
     * The usual meaning of an HTTP status for a message that was not delivered.
     *
     * @param errorCode an error code the provider documents, read from the answer by the caller, or null.
     *                  Nothing else of the answer is kept: a receiver echoing the request would put it,
     *                  and any secret in it, in logs and dead letters.
     */
    public static DeliveryResult ofStatus(HttpReply reply, Clock clock, String service, String errorCode) {
        int status = reply.status();
        if (status == 429) {
            return rateLimited(reply, clock, service);
        }
        String code = errorCode == null ? "" : ": " + errorCode;
        if (status == 408 || status >= 500) {
            return new DeliveryResult.Retry(service + " answered HTTP " + status + code);
        }
        if (status >= 300 && status < 400) {
            return new DeliveryResult.Rejected(
                    service + " redirected (HTTP " + status + ") and only 307/308 are followed: update the URL");
        }
        return new DeliveryResult.Rejected(service + " refused the message (HTTP " + status + ")" + code);
    }
}
