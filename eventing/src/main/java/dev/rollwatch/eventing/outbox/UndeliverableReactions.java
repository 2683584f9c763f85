package dev.rollwatch.eventing.outbox;

import dev.rollwatch.eventing.ReactiveWork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Lets the service react to each event the relay marked as refused for good (the release-service ends
 * the release it announced, say). Each reaction runs in a transaction of its own, which also records
 * that it ran; one that fails is logged, counted and tried again on a later pass, and never holds the
 * outbox or the other reactions back.
 */
@ApplicationScoped
public class UndeliverableReactions {

    private static final Logger LOG = Logger.getLogger(UndeliverableReactions.class);
    /** How often failed events still waiting for their reaction are looked for; they are rare. */
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private static final int BATCH = 50;

    private final List<UndeliverableEvents> reactions;
    private final Vertx vertx;
    private final Clock clock;
    private final Counter failedReactions;
    private volatile boolean stopped;

    UndeliverableReactions(Instance<UndeliverableEvents> reactions, Vertx vertx, Clock clock, MeterRegistry registry) {
        this.reactions = reactions.stream().toList();
        this.vertx = vertx;
        this.clock = clock;
        this.failedReactions = Counter.builder("rollwatch.outbox.undeliverable.reaction.failures")
                .description("Reactions to undeliverable outbox events that failed; each is tried again")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        ReactiveWork.poll(vertx, "Reactions to undeliverable events", INTERVAL, () -> !stopped, this::reactToAll);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /** Reacts to every failed event still waiting, from any thread; returns how many reactions committed. */
    public Uni<Integer> reactNow() {
        return ReactiveWork.onOwnContext(vertx, this::reactToAll);
    }

    private Uni<Integer> reactToAll() {
        return Panache.withSession(() -> Panache.getSession()
                        .flatMap(session -> session.createNativeQuery(
                                        "select id from outbox where failed_at is not null and reacted_at is null"
                                                + " order by id limit :limit",
                                        Long.class)
                                .setParameter("limit", BATCH)
                                .getResultList()))
                .flatMap(ids -> Multi.createFrom()
                        .iterable(ids)
                        .onItem()
                        .transformToUniAndConcatenate(this::reactTo)
                        .collect()
                        .with(Collectors.summingInt(done -> done ? 1 : 0)));
    }

    /** One failed event's reactions, in one transaction with its mark; false when it was not done. */
    private Uni<Boolean> reactTo(Long id) {
        return Panache.withTransaction(() -> Panache.getSession()
                        .flatMap(session -> session.createNativeQuery(
                                        "select * from outbox where id = :id and reacted_at is null"
                                                + " for update skip locked",
                                        OutboxEntry.class)
                                .setParameter("id", id)
                                .getResultList()
                                .flatMap(found -> found.isEmpty()
                                        ? Uni.createFrom().item(false)
                                        : react(found.get(0)).replaceWith(true))))
                .onFailure()
                .recoverWithItem(failure -> {
                    failedReactions.increment();
                    LOG.warnf(
                            "The reaction to undeliverable outbox entry %d failed and is tried again: %s",
                            id, failure.toString());
                    return false;
                });
    }

    private Uni<Void> react(OutboxEntry entry) {
        UndeliverableEvent event =
                new UndeliverableEvent(entry.eventId, entry.topic, entry.recordKey, typeOf(entry), entry.failure);
        Uni<Void> done = Uni.createFrom().voidItem();
        for (UndeliverableEvents reaction : reactions) {
            done = done.chain(() -> reaction.onUndeliverable(event));
        }
        return done.invoke(() -> entry.reactedAt = clock.instant());
    }

    private static String typeOf(OutboxEntry entry) {
        try {
            return OutboxRelay.readHeaders(entry).get("ce_type");
        } catch (IllegalStateException unreadable) {
            return null;
        }
    }
}
