package dev.rollwatch.notifier.persistence;

import dev.rollwatch.notifier.domain.DeliveryKind;
import java.time.Instant;
import java.util.UUID;

/**
 * A delivery the dispatcher reserved for one attempt (a detached copy of its row).
 *
 * @param attempts attempts including this one
 * @param unfinished an earlier attempt was still leased when this one claimed it: it never recorded its
 *     outcome (its instance was killed or lost the database mid-attempt), so it may have been sent
 * @param rateLimitedSince when the target first answered it with a rate limit, or null
 */
public record ClaimedDelivery(
        long id,
        UUID eventId,
        String releaseId,
        String channel,
        String targetKey,
        String target,
        DeliveryKind kind,
        String rateKey,
        String payload,
        int attempts,
        boolean unfinished,
        Instant rateLimitedSince) {

    public static ClaimedDelivery of(Delivery row) {
        return new ClaimedDelivery(
                row.id,
                row.eventId,
                row.releaseId,
                row.channel,
                row.targetKey,
                row.target,
                row.kind,
                row.rateKey,
                row.payload,
                row.attempts + 1,
                row.leaseUntil != null,
                row.rateLimitedSince);
    }

    @Override
    public String toString() {
        // Records print every component: the stored target may hold a secret URL.
        return "ClaimedDelivery[" + id + ", " + kind + " of release " + releaseId + " to " + targetKey + ", attempt "
                + attempts + "]";
    }
}
