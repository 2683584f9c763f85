package dev.rollwatch.notifier.service;

import dev.rollwatch.eventing.ReactiveWork;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.notifier.channel.ChannelFactory;
import dev.rollwatch.notifier.channel.DeliveryAttempt;
import dev.rollwatch.notifier.channel.DeliveryResult;
import dev.rollwatch.notifier.channel.Failures;
import dev.rollwatch.notifier.channel.NotificationChannel;
import dev.rollwatch.notifier.channel.ThreadRef;
import dev.rollwatch.notifier.channel.webhook.WebhookChannel;
import dev.rollwatch.notifier.config.NotifierConfig;
import dev.rollwatch.notifier.domain.DeliveryKind;
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.notifier.outbound.ExchangeFailedException;
import dev.rollwatch.notifier.persistence.ClaimedDelivery;
import dev.rollwatch.notifier.persistence.DeliveryStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries. The shared poller claims the next batch; each delivery is then attempted on
 * its own context, so a slow webhook delays only its own release's messages to that target. A slow
 * receiver holds at most {@code max-in-flight-per-receiver} of the slots, and webhooks together at
 * most {@code max-webhooks-in-flight}; a rate-limited attempt ends at once and waits in the database.
 * Everything it waits on (backoff, rate slots, leases) is a time in the database, so a restarted or
 * another instance takes over where this one stopped.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DeliveryClaims claims;
    private final DeliveryRecorder recorder;
    private final DeliveryStore store;
    private final ChannelFactory channels;
    private final NotifierConfig config;
    private final Duration attemptDeadline;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger webhooksInFlight = new AtomicInteger();
    private Vertx vertx;
    private volatile ReactiveWork.Poller poller;

    Dispatcher(
            DeliveryClaims claims,
            DeliveryRecorder recorder,
            DeliveryStore store,
            ChannelFactory channels,
            NotifierConfig config) {
        this.claims = claims;
        this.recorder = recorder;
        this.store = store;
        this.channels = channels;
        this.config = config;
        this.attemptDeadline = config.dispatch().lease().multipliedBy(3).dividedBy(4);
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        this.vertx = vertx;
        // A pass only claims; the attempts it starts run on after it, up to max-in-flight at once.
        poller = ReactiveWork.poll(
                vertx,
                "Dispatching deliveries",
                config.dispatch().pollInterval(),
                () -> inFlight.get() < config.dispatch().maxInFlight(),
                this::claimAndStart);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        // Stop before the pool and the producer close under us; leased deliveries are picked up again later.
        if (poller != null) {
            poller.stop();
        }
    }

    private boolean stopping() {
        return poller == null || !poller.isStarted();
    }

    private Uni<Void> claimAndStart() {
        int free = config.dispatch().maxInFlight() - inFlight.get();
        int webhookRoom = Math.max(0, config.dispatch().maxWebhooksInFlight() - webhooksInFlight.get());
        return claims.claim(Math.min(free, config.dispatch().batchSize()), webhookRoom)
                .invoke(claimed -> claimed.forEach(this::start))
                .replaceWithVoid();
    }

    private void start(ClaimedDelivery delivery) {
        // Webhook receivers are anyone's servers: however slow they are, they get only their share of the slots.
        AtomicInteger webhooks =
                WebhookChannel.NAME.equals(delivery.channel()) ? webhooksInFlight : new AtomicInteger();
        inFlight.incrementAndGet();
        webhooks.incrementAndGet();
        Uni.createFrom()
                .deferred(() -> attempt(delivery))
                .subscribe()
                .with(
                        done -> {
                            inFlight.decrementAndGet();
                            webhooks.decrementAndGet();
                        },
                        failure -> {
                            inFlight.decrementAndGet();
                            webhooks.decrementAndGet();
                            // The lease runs out and the delivery is attempted again; nothing is lost.
                            LOG.warnf(
                                    failure,
                                    "Attempt of delivery %d failed unexpectedly; it will be retried after its lease",
                                    delivery.id());
                        });
    }

    private Uni<Void> attempt(ClaimedDelivery delivery) {
        Target target = EventJson.read(delivery.target(), Target.class);
        // Database work on a context of its own each time: the HTTP answer comes back on another one.
        return ReactiveWork.<Loaded>onOwnContext(
                        vertx,
                        () -> Panache.withSession(() -> store.thread(delivery.releaseId(), delivery.targetKey())
                                .chain(thread ->
                                        store.event(delivery.eventId()).map(event -> new Loaded(thread, event)))))
                .chain(loaded -> send(delivery, target, loaded)
                        .chain(result -> ReactiveWork.<Void>onOwnContext(
                                vertx, () -> recorder.record(delivery, target, result, loaded.structuredEvent()))));
    }

    private Uni<DeliveryResult> send(ClaimedDelivery delivery, Target target, Loaded loaded) {
        if (stopping()) {
            return Uni.createFrom().item(new DeliveryResult.Retry("the service is stopping"));
        }
        if (delivery.kind() == DeliveryKind.PARENT_POST && delivery.unfinished()) {
            // The attempt before this one went out and never came back (its instance was killed or lost
            // the database): Slack may have the parent already, and a second would be a second thread.
            return Uni.createFrom()
                    .item(Failures.ofUnrepeatable(
                            new ExchangeFailedException("an earlier attempt never recorded its outcome"),
                            "the release's parent message"));
        }
        NotificationChannel channel = channels.byName(delivery.channel()).orElse(null);
        if (channel == null) {
            return Uni.createFrom().item(new DeliveryResult.Rejected("no provider named '" + delivery.channel() + "'"));
        }
        DeliveryAttempt attempt = new DeliveryAttempt(
                delivery.id(),
                delivery.attempts(),
                target,
                delivery.kind(),
                delivery.payload(),
                loaded.thread(),
                delivery.eventId().toString(),
                loaded.eventType());
        return Uni.createFrom()
                .deferred(() -> channel.deliver(attempt))
                // Leased, not locked: an attempt still running when its lease ends would be claimed and
                // sent again beside itself. It is cut off before that and judged as an unanswered exchange.
                .ifNoItem()
                .after(attemptDeadline)
                .failWith(() -> new ExchangeFailedException("no outcome within the delivery's lease"))
                .onFailure()
                .recoverWithItem(failure -> delivery.kind() == DeliveryKind.PARENT_POST
                        ? Failures.ofUnrepeatable(failure, "the release's parent message")
                        : Failures.of(failure));
    }

    /** What an attempt needs besides the row: the conversation so far and the event. */
    private record Loaded(ThreadRef thread, Object[] event) {

        String structuredEvent() {
            return event == null ? null : (String) event[0];
        }

        String eventType() {
            return event == null ? null : (String) event[1];
        }
    }
}
