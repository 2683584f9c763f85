package dev.rollwatch.notifier.service;

import dev.rollwatch.notifier.channel.ChannelFactory;
import dev.rollwatch.notifier.channel.DeliveryResult;
import dev.rollwatch.notifier.channel.NotificationChannel;
import dev.rollwatch.notifier.config.NotifierConfig;
import dev.rollwatch.notifier.domain.RetryPolicy;
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.notifier.messaging.DeadLetters;
import dev.rollwatch.notifier.persistence.ClaimedDelivery;
import dev.rollwatch.notifier.persistence.Delivery;
import dev.rollwatch.notifier.persistence.DeliveryStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Records how an attempt went: sent (and the thread or incident it started), retried later with
 * backoff, held back as long as a rate-limited service asked (without using up an attempt), or
 * dead-lettered (also when its outcome is unknown and repeating it could duplicate a thread or an
 * incident). A dead letter is published before the delivery is marked dead, so a crash in
 * between repeats the dead letter rather than losing it.
 */
@ApplicationScoped
public class DeliveryRecorder {

    private static final Logger LOG = Logger.getLogger(DeliveryRecorder.class);
    private static final Duration MIN_RATE_LIMIT_WAIT = Duration.ofSeconds(1);
    private static final Supplier<Uni<Void>> NOTHING = () -> Uni.createFrom().voidItem();

    private final DeliveryStore store;
    private final DeadLetters deadLetters;
    private final ChannelFactory channels;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final RetryPolicy retries;
    private final Duration maxRetryAfter;
    private final Duration maxRateLimited;

    DeliveryRecorder(
            DeliveryStore store,
            DeadLetters deadLetters,
            ChannelFactory channels,
            DeliveryMetrics metrics,
            Clock clock,
            NotifierConfig config) {
        this.store = store;
        this.deadLetters = deadLetters;
        this.channels = channels;
        this.metrics = metrics;
        this.clock = clock;
        this.retries = new RetryPolicy(
                config.dispatch().initialBackoff(),
                config.dispatch().maxBackoff(),
                config.dispatch().maxAttempts());
        this.maxRetryAfter = config.dispatch().maxRetryAfter();
        this.maxRateLimited = config.dispatch().maxRateLimited();
    }

    /**
     * @param structuredEvent the event the delivery is about (for a dead letter)
     */
    public Uni<Void> record(ClaimedDelivery delivery, Target target, DeliveryResult result, String structuredEvent) {
        Instant now = clock.instant();
        if (result instanceof DeliveryResult.Sent sent) {
            metrics.outcome(delivery.channel(), "sent");
            return Panache.withTransaction(() -> ifStillHeld(
                    delivery,
                    "sent",
                    store.finish(delivery.id(), delivery.attempts(), Delivery.Status.SENT, now, null),
                    () -> sent.thread() == null
                            ? Uni.createFrom().voidItem()
                            : store.saveThread(delivery.releaseId(), delivery.targetKey(), sent.thread(), now)));
        }
        if (result instanceof DeliveryResult.Skipped skipped) {
            metrics.outcome(delivery.channel(), "skipped");
            LOG.infof(
                    "Delivery %d (%s to %s) skipped: %s",
                    delivery.id(), delivery.kind(), target.describe(), skipped.reason());
            return Panache.withTransaction(() -> ifStillHeld(
                    delivery,
                    "skipped",
                    store.finish(delivery.id(), delivery.attempts(), Delivery.Status.SKIPPED, now, skipped.reason()),
                    NOTHING));
        }
        if (result instanceof DeliveryResult.RateLimited limited) {
            // Rate limits give their attempt back, so only this bounds how long a receiver answering 429
            // forever can keep the delivery, and the release's later messages to it, waiting.
            Instant since = delivery.rateLimitedSince() == null ? now : delivery.rateLimitedSince();
            if (!now.isBefore(since.plus(maxRateLimited))) {
                return deadLetter(
                        delivery,
                        target,
                        "rate limited for more than "
                                + maxRateLimited.toString().substring(2).toLowerCase(Locale.ROOT) + ": "
                                + limited.reason(),
                        structuredEvent);
            }
            metrics.outcome(delivery.channel(), "rate_limited");
            Duration wait = RetryPolicy.rateLimitWait(limited.retryAfter(), floor(delivery), maxRetryAfter);
            Instant until = now.plus(wait);
            LOG.debugf("Delivery %d to %s rate limited; next try in %s", delivery.id(), target.describe(), wait);
            // The wait is a due time, not a held slot; the receiver's slot holds its other deliveries back too.
            return Panache.withTransaction(() -> ifStillHeld(
                    delivery,
                    "rate limited",
                    store.retryAt(delivery.id(), delivery.attempts(), until, limited.reason(), true, now),
                    () -> delivery.rateKey() == null
                            ? Uni.createFrom().voidItem()
                            : store.holdSlot(delivery.rateKey(), until)));
        }
        if (result instanceof DeliveryResult.Retry retry) {
            if (retries.exhausted(delivery.attempts())) {
                return deadLetter(
                        delivery,
                        target,
                        "gave up after " + delivery.attempts() + " attempts: " + retry.reason(),
                        structuredEvent);
            }
            metrics.outcome(delivery.channel(), "retried");
            Duration delay = retries.delayAfter(delivery.attempts());
            LOG.infof(
                    "Delivery %d (%s to %s) failed (%s); attempt %d of %d in %s",
                    delivery.id(),
                    delivery.kind(),
                    target.describe(),
                    retry.reason(),
                    delivery.attempts() + 1,
                    retries.maxAttempts(),
                    delay);
            return Panache.withTransaction(() -> ifStillHeld(
                    delivery,
                    "to be retried",
                    store.retryAt(delivery.id(), delivery.attempts(), now.plus(delay), retry.reason(), false, now),
                    NOTHING));
        }
        if (result instanceof DeliveryResult.Uncertain uncertain) {
            // People must check whether it arrived: reported where dead letters are, and never repeated.
            return deadLetter(delivery, target, uncertain.reason(), structuredEvent, Delivery.Status.UNCERTAIN);
        }
        DeliveryResult.Rejected rejected = (DeliveryResult.Rejected) result;
        return deadLetter(delivery, target, rejected.reason(), structuredEvent);
    }

    private Uni<Void> deadLetter(ClaimedDelivery delivery, Target target, String reason, String structuredEvent) {
        return deadLetter(delivery, target, reason, structuredEvent, Delivery.Status.DEAD);
    }

    private Uni<Void> deadLetter(
            ClaimedDelivery delivery, Target target, String reason, String structuredEvent, Delivery.Status status) {
        // The producer acknowledges on its own thread; Hibernate Reactive must go on on this context.
        Context context = Vertx.currentContext();
        // A dead letter is a message to people: none from an attempt a later one has taken over.
        return Panache.withSession(() -> store.holds(delivery.id(), delivery.attempts()))
                .chain(held -> held
                        ? publishDeadLetter(delivery, target, reason, structuredEvent, status, context)
                        : dropped(delivery, "dead-lettered"));
    }

    private Uni<Void> publishDeadLetter(
            ClaimedDelivery delivery,
            Target target,
            String reason,
            String structuredEvent,
            Delivery.Status status,
            Context context) {
        return deadLetters
                .publish(
                        structuredEvent,
                        target,
                        delivery.channel(),
                        delivery.kind().name(),
                        delivery.attempts(),
                        delivery.id(),
                        reason)
                .emitOn(task -> context.runOnContext(v -> task.run()))
                .chain(() -> Panache.withTransaction(() -> ifStillHeld(
                        delivery,
                        "dead-lettered",
                        store.finish(delivery.id(), delivery.attempts(), status, clock.instant(), reason),
                        NOTHING)))
                .invoke(() -> {
                    metrics.deadLettered(delivery.channel(), status == Delivery.Status.UNCERTAIN);
                    LOG.warnf(
                            "Delivery %d (%s of release %s to %s) dead-lettered to %s: %s",
                            delivery.id(),
                            delivery.kind(),
                            delivery.releaseId(),
                            target.describe(),
                            DeadLetters.TOPIC,
                            reason);
                })
                .onFailure()
                .recoverWithUni(failure -> {
                    // The dead letter did not reach Kafka: keep the delivery and try the whole thing again later.
                    Duration delay = retries.delayAfter(delivery.attempts());
                    LOG.warnf(failure, "Could not dead-letter delivery %d; trying again in %s", delivery.id(), delay);
                    return Panache.withTransaction(() -> ifStillHeld(
                            delivery,
                            "to be dead-lettered again",
                            store.retryAt(
                                    delivery.id(),
                                    delivery.attempts(),
                                    clock.instant().plus(delay),
                                    "dead-lettering failed: " + reason,
                                    false,
                                    clock.instant()),
                            NOTHING));
                });
    }

    /**
     * Goes on only while this attempt still holds the delivery. One that outlived its lease (the
     * dispatcher cuts attempts off before that, so only a stalled instance gets here) was taken over by
     * a later attempt, whose outcome is the one that counts.
     */
    private static Uni<Void> ifStillHeld(
            ClaimedDelivery delivery, String outcome, Uni<Boolean> recorded, Supplier<Uni<Void>> then) {
        return recorded.chain(held -> held ? then.get() : dropped(delivery, outcome));
    }

    private static Uni<Void> dropped(ClaimedDelivery delivery, String outcome) {
        LOG.warnf(
                "Delivery %d: attempt %d ended (%s) after a later attempt took it over; its outcome is dropped",
                delivery.id(), delivery.attempts(), outcome);
        return Uni.createFrom().voidItem();
    }

    private Duration floor(ClaimedDelivery delivery) {
        Duration interval = channels.byName(delivery.channel())
                .map(NotificationChannel::minInterval)
                .orElse(Duration.ZERO);
        return interval.compareTo(MIN_RATE_LIMIT_WAIT) > 0 ? interval : MIN_RATE_LIMIT_WAIT;
    }
}
