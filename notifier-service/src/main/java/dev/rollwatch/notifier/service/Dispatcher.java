package dev.rollwatch.notifier.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.notifier.channel.ChannelFactory;
import dev.rollwatch.notifier.channel.DeliveryAttempt;
import dev.rollwatch.notifier.channel.DeliveryResult;
import dev.rollwatch.notifier.channel.Failures;
import dev.rollwatch.notifier.channel.NotificationChannel;
import dev.rollwatch.notifier.channel.ThreadRef;
import dev.rollwatch.notifier.config.NotifierConfig;
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.notifier.persistence.ClaimedDelivery;
import dev.rollwatch.notifier.persistence.DeliveryStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries. A Vert.x timer (the scheduler cannot go below one second) claims the next
 * batch; each delivery is then attempted on its own context, so a slow webhook delays only its own
 * release's messages to that target. Everything it waits on (backoff, rate slots, leases) is a time in
 * the database, so a restarted or another instance takes over where this one stopped.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DeliveryClaims claims;
    private final DeliveryRecorder recorder;
    private final DeliveryStore store;
    private final ChannelFactory channels;
    private final NotifierConfig config;
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopped;

    Dispatcher(DeliveryClaims claims, DeliveryRecorder recorder, DeliveryStore store, ChannelFactory channels,
            NotifierConfig config) {
        this.claims = claims;
        this.recorder = recorder;
        this.store = store;
        this.channels = channels;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        long interval = Math.max(10, config.dispatch().pollInterval().toMillis());
        vertx.setPeriodic(interval, interval, id -> poll(vertx));
    }

    void onShutdown(@Observes ShutdownEvent event) {
        // Stop before the pool and the producer close under us; leased deliveries are picked up again later.
        stopped = true;
    }

    private void poll(Vertx vertx) {
        int free = config.dispatch().maxInFlight() - inFlight.get();
        if (stopped || free <= 0 || !polling.compareAndSet(false, true)) {
            return;
        }
        Context context = newContext(vertx);
        context.runOnContext(ignored -> Uni.createFrom().deferred(() -> claims.claim(
                        Math.min(free, config.dispatch().batchSize())))
                .subscribe().with(
                        claimed -> {
                            polling.set(false);
                            claimed.forEach(delivery -> start(vertx, delivery));
                        },
                        failure -> {
                            polling.set(false);
                            LOG.warnf("Claiming deliveries failed, retrying on the next poll: %s", failure.toString());
                        }));
    }

    private void start(Vertx vertx, ClaimedDelivery delivery) {
        inFlight.incrementAndGet();
        Context context = newContext(vertx);
        context.runOnContext(ignored -> attempt(context, delivery).subscribe().with(
                done -> inFlight.decrementAndGet(),
                failure -> {
                    inFlight.decrementAndGet();
                    // The lease runs out and the delivery is attempted again; nothing is lost.
                    LOG.warnf("Attempt of delivery %d failed unexpectedly (%s); it will be retried after its lease",
                            delivery.id(), failure.getClass().getSimpleName());
                }));
    }

    private Uni<Void> attempt(Context context, ClaimedDelivery delivery) {
        Target target = readTarget(delivery.target());
        return onContext(context, () -> Panache.withSession(() -> store.thread(delivery.releaseId(), delivery.targetKey())
                        .chain(thread -> store.event(delivery.eventId()).map(event -> new Loaded(thread, event)))))
                .chain(loaded -> send(delivery, target, loaded)
                        .chain(result -> onContext(context, () -> recorder.record(delivery, target, result,
                                loaded.structuredEvent()))));
    }

    private Uni<DeliveryResult> send(ClaimedDelivery delivery, Target target, Loaded loaded) {
        if (stopped) {
            return Uni.createFrom().item(new DeliveryResult.Retry("the service is stopping"));
        }
        NotificationChannel channel = channels.byName(delivery.channel()).orElse(null);
        if (channel == null) {
            return Uni.createFrom().item(new DeliveryResult.Rejected("no provider named '" + delivery.channel() + "'"));
        }
        DeliveryAttempt attempt = new DeliveryAttempt(delivery.id(), target, delivery.kind(), delivery.payload(),
                loaded.thread(), delivery.eventId().toString(), loaded.eventType());
        return Uni.createFrom().deferred(() -> channel.deliver(attempt)).onFailure().recoverWithItem(Failures::of);
    }

    private static <T> Uni<T> onContext(Context context, Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().deferred(work).runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private static Context newContext(Vertx vertx) {
        // Hibernate Reactive needs a (duplicated) Vert.x context of its own for every unit of work.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return context;
    }

    private static Target readTarget(String json) {
        try {
            return EventJson.mapper().readValue(json, Target.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored target is unreadable", e);
        }
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
