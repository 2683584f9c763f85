package dev.rollwatch.notifier.channel;

import dev.rollwatch.notifier.domain.DeliveryKind;
import dev.rollwatch.notifier.domain.Target;

/**
 * One attempt at a planned delivery.
 *
 * @param deliveryId the delivery
 * @param attempt    which attempt this is, from 1; a later one may follow an attempt whose outcome is
 *                   unknown (no answer, or a crash before it was recorded)
 * @param target     where it goes
 * @param kind       what it does
 * @param payload    the planned body
 * @param thread     what earlier deliveries to this target left behind (Slack thread, incident), or null
 * @param eventId    the CloudEvent's id
 * @param eventType  the CloudEvent's type
 */
public record DeliveryAttempt(
        long deliveryId,
        int attempt,
        Target target,
        DeliveryKind kind,
        String payload,
        ThreadRef thread,
        String eventId,
        String eventType) {

    @Override
    public String toString() {
        // Records print every component: the target may be a secret URL, the payload a whole event.
        return "DeliveryAttempt[delivery " + deliveryId + " attempt " + attempt + ", " + kind + " to "
                + target.describe() + "]";
    }
}
