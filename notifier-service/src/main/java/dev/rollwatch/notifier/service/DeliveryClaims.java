package dev.rollwatch.notifier.service;

import dev.rollwatch.notifier.channel.ChannelFactory;
import dev.rollwatch.notifier.channel.NotificationChannel;
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
 * only its own thread), only when due, and only when the target's rate slot is free. A reserved
 * delivery is leased, not locked, so no database connection waits on a slow HTTP call.
 */
@ApplicationScoped
public class DeliveryClaims {

    private final DeliveryStore store;
    private final ChannelFactory channels;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Duration lease;

    DeliveryClaims(
            DeliveryStore store, ChannelFactory channels, DeliveryMetrics metrics, Clock clock, NotifierConfig config) {
        this.store = store;
        this.channels = channels;
        this.metrics = metrics;
        this.clock = clock;
        this.lease = config.dispatch().lease();
    }

    public Uni<List<ClaimedDelivery>> claim(int limit) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> store.supersedeStaleUpdates(now)
                .invoke(metrics::superseded)
                .chain(() -> store.dueHeads(now, limit))
                .chain(rows -> reserve(rows, now)));
    }

    private Uni<List<ClaimedDelivery>> reserve(List<Delivery> rows, Instant now) {
        List<ClaimedDelivery> claimed = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Delivery row : rows) {
            ClaimedDelivery delivery = ClaimedDelivery.of(row);
            chain = chain.chain(() -> slotFree(delivery, now)).chain(free -> {
                if (!free) {
                    return store.deferToSlot(delivery.id(), delivery.rateKey());
                }
                claimed.add(delivery);
                return store.lease(delivery.id(), now.plus(lease));
            });
        }
        return chain.replaceWith(claimed);
    }

    private Uni<Boolean> slotFree(ClaimedDelivery delivery, Instant now) {
        Duration interval = channels.byName(delivery.channel())
                .map(NotificationChannel::minInterval)
                .orElse(Duration.ZERO);
        if (delivery.rateKey() == null || interval.isZero() || interval.isNegative()) {
            return Uni.createFrom().item(true);
        }
        return store.takeSlot(delivery.rateKey(), now, now.plus(interval));
    }
}
