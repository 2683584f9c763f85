package dev.rollwatch.notifier.service;

import dev.rollwatch.notifier.channel.ChannelFactory;
import dev.rollwatch.notifier.channel.NotificationChannel;
import dev.rollwatch.notifier.channel.webhook.WebhookChannel;
import dev.rollwatch.notifier.config.NotifierConfig;
import dev.rollwatch.notifier.persistence.ClaimedDelivery;
import dev.rollwatch.notifier.persistence.Delivery;
import dev.rollwatch.notifier.persistence.DeliveryStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reserves the next deliveries to send, in one short transaction: only the head of each release and
 * target (so a thread's parent always goes before its replies, and a retrying delivery holds back
 * only its own thread), only when due, only when the target's rate slot is free (not spaced out, not
 * held by a 429), and only while its receiver has fewer than {@code max-in-flight-per-receiver}
 * attempts in flight. A reserved delivery is leased, not locked, so no database connection waits on
 * a slow HTTP call; one left unreserved stays due and is claimed by a later pass.
 */
@ApplicationScoped
public class DeliveryClaims {

    private final DeliveryStore store;
    private final ChannelFactory channels;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Duration lease;
    private final int perReceiver;

    DeliveryClaims(
            DeliveryStore store, ChannelFactory channels, DeliveryMetrics metrics, Clock clock, NotifierConfig config) {
        this.store = store;
        this.channels = channels;
        this.metrics = metrics;
        this.clock = clock;
        this.lease = config.dispatch().lease();
        this.perReceiver = config.dispatch().maxInFlightPerReceiver();
    }

    /**
     * @param limit       most deliveries to reserve
     * @param webhookRoom most of them that may be webhooks (the rest of the slots are kept for Slack and
     *                    Statuspage)
     */
    public Uni<List<ClaimedDelivery>> claim(int limit, int webhookRoom) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> store.supersedeStaleUpdates(now)
                .invoke(metrics::superseded)
                .chain(() -> store.dueHeads(now, limit, perReceiver, webhookRoom > 0))
                .chain(rows -> reserve(rows, now, webhookRoom)));
    }

    private Uni<List<ClaimedDelivery>> reserve(List<Delivery> rows, Instant now, int webhookRoom) {
        List<ClaimedDelivery> claimed = new ArrayList<>();
        int[] webhooks = {0};
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Delivery row : rows) {
            ClaimedDelivery delivery = ClaimedDelivery.of(row);
            boolean webhook = WebhookChannel.NAME.equals(delivery.channel());
            chain = chain.chain(() -> {
                        if (webhook && webhooks[0] >= webhookRoom) {
                            return Uni.createFrom().item(false);
                        }
                        // Counted again for each row: this batch's own leases are in the count.
                        return receiverHasRoom(delivery, now);
                    })
                    .chain(room -> {
                        if (!room) {
                            return Uni.createFrom().voidItem();
                        }
                        return slotFree(delivery, now).chain(free -> {
                            if (!free) {
                                return store.deferToSlot(delivery.id(), delivery.rateKey());
                            }
                            claimed.add(delivery);
                            if (webhook) {
                                webhooks[0]++;
                            }
                            return store.lease(delivery.id(), now.plus(lease));
                        });
                    });
        }
        return chain.replaceWith(claimed);
    }

    private Uni<Boolean> receiverHasRoom(ClaimedDelivery delivery, Instant now) {
        if (delivery.rateKey() == null) {
            return Uni.createFrom().item(true);
        }
        return store.lockReceiver(delivery.rateKey())
                .chain(() -> store.inFlight(delivery.rateKey(), now))
                .map(count -> count < perReceiver);
    }

    private Uni<Boolean> slotFree(ClaimedDelivery delivery, Instant now) {
        if (delivery.rateKey() == null) {
            return Uni.createFrom().item(true);
        }
        Duration interval = channels.byName(delivery.channel())
                .map(NotificationChannel::minInterval)
                .orElse(Duration.ZERO);
        // Taken even without an interval: a 429's Retry-After holds the slot for the whole receiver.
        return store.takeSlot(delivery.rateKey(), now, interval.isNegative() ? now : now.plus(interval));
    }
}
