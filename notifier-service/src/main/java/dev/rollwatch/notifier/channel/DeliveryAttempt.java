package dev.rollwatch.notifier.channel;

import dev.rollwatch.notifier.domain.DeliveryKind;
import dev.rollwatch.notifier.domain.Target;

/**
 * One attempt at a planned delivery.
 *
 * @param deliveryId the delivery
 * @param target     where it goes
 * @param kind       what it does
 * @param payload    the planned body
 * @param thread     what earlier deliveries to this target left behind (Slack thread, incident), or null
 * @param eventId    the CloudEvent's id
 * @param eventType  the CloudEvent's type
 */
public record DeliveryAttempt(long deliveryId, Target target, DeliveryKind kind, String payload, ThreadRef thread,
        String eventId, String eventType) {

    @Override
    public String toString() {
        // Records print every component: the target may be a secret URL, the payload a whole event.
        return "DeliveryAttempt[delivery " + deliveryId + ", " + kind + " to " + target.describe() + "]";
    }
}
