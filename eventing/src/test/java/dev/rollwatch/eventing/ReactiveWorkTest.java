package dev.rollwatch.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** On a plain Vert.x instance: no Quarkus is needed to see where work runs and how the poller paces it. */
class ReactiveWorkTest {

    private static final Duration INTERVAL = Duration.ofMillis(5);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Vertx vertx = Vertx.vertx();
    private ReactiveWork.Poller poller;

    @AfterEach
    void closeVertx() {
        if (poller != null) {
            poller.stop();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void runsWorkOnADuplicatedContextMarkedSafeForHibernateReactive() {
        Context context = ReactiveWork.onOwnContext(
                        vertx, () -> Uni.createFrom().item(Vertx.currentContext()))
                .await()
                .atMost(WAIT);

        assertThat(VertxContext.isDuplicatedContext(context)).isTrue();
        assertThat(VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(context)).isTrue();
    }

    @Test
    void givesEveryUnitOfWorkAContextOfItsOwn() {
        Context first = ReactiveWork.onOwnContext(vertx, () -> Uni.createFrom().item(Vertx.currentContext()))
                .await()
                .atMost(WAIT);
        Context second = ReactiveWork.onOwnContext(vertx, () -> Uni.createFrom().item(Vertx.currentContext()))
                .await()
                .atMost(WAIT);

        assertThat(second).isNotSameAs(first);
    }

    @Test
    void passesOnTheFailureOfTheWork() {
        Uni<Object> failing =
                ReactiveWork.onOwnContext(vertx, () -> Uni.createFrom().failure(new IllegalStateException("db down")));

        assertThatThrownBy(() -> failing.await().atMost(WAIT)).hasMessage("db down");
    }

    @Test
    void pollsAgainAndAgainWhileEnabled() {
        AtomicInteger passes = new AtomicInteger();
        poller = ReactiveWork.poll(vertx, "test", INTERVAL, () -> true, () -> {
            passes.incrementAndGet();
            return Uni.createFrom().voidItem();
        });

        await().atMost(WAIT).until(() -> passes.get() >= 3);
    }

    @Test
    void neverStartsAPassWhileTheLastOneIsStillRunning() {
        AtomicInteger ticks = new AtomicInteger();
        AtomicInteger passes = new AtomicInteger();
        CompletableFuture<Void> firstPassDone = new CompletableFuture<>();
        // The enabled check runs on every tick, so counting it shows ticks went by without a pass.
        poller = ReactiveWork.poll(
                vertx,
                "test",
                INTERVAL,
                () -> ticks.incrementAndGet() > 0,
                () -> passes.incrementAndGet() == 1
                        ? Uni.createFrom().completionStage(firstPassDone)
                        : Uni.createFrom().voidItem());

        await().atMost(WAIT).until(() -> passes.get() == 1);
        int ticksAtFirstPass = ticks.get();
        await().atMost(WAIT).until(() -> ticks.get() >= ticksAtFirstPass + 10);
        assertThat(passes).hasValue(1);

        firstPassDone.complete(null);

        await().atMost(WAIT).until(() -> passes.get() >= 3);
    }

    @Test
    void skipsPassesWhileDisabled() {
        AtomicInteger ticks = new AtomicInteger();
        AtomicBoolean enabled = new AtomicBoolean(false);
        AtomicInteger passes = new AtomicInteger();
        poller = ReactiveWork.poll(
                vertx,
                "test",
                INTERVAL,
                () -> {
                    ticks.incrementAndGet();
                    return enabled.get();
                },
                () -> {
                    passes.incrementAndGet();
                    return Uni.createFrom().voidItem();
                });

        await().atMost(WAIT).until(() -> ticks.get() >= 10);
        assertThat(passes).hasValue(0);

        enabled.set(true);

        await().atMost(WAIT).until(() -> passes.get() >= 1);
    }

    @Test
    void keepsPollingAfterAFailedPassAndOnlyCountsPassesThatWorkedAsCompleted() {
        AtomicBoolean failing = new AtomicBoolean(true);
        AtomicInteger passes = new AtomicInteger();
        poller = ReactiveWork.poll(vertx, "test", INTERVAL, () -> true, () -> {
            passes.incrementAndGet();
            return failing.get()
                    ? Uni.createFrom().failure(new IllegalStateException("db down"))
                    : Uni.createFrom().voidItem();
        });
        Instant started = poller.lastCompleted();

        await().atMost(WAIT).until(() -> passes.get() >= 3);
        assertThat(poller.lastCompleted()).isEqualTo(started);

        failing.set(false);

        await().atMost(WAIT).until(() -> poller.lastCompleted().isAfter(started));
    }

    @Test
    void runsNoPassOnceStoppedAndPollsAgainWhenStarted() {
        AtomicInteger passes = new AtomicInteger();
        poller = ReactiveWork.poll(vertx, "test", INTERVAL, () -> true, () -> {
            passes.incrementAndGet();
            return Uni.createFrom().voidItem();
        });
        await().atMost(WAIT).until(() -> passes.get() >= 1);

        poller.stop();
        assertThat(poller.isStarted()).isFalse();
        int afterStop = passes.get();
        // A stopped poller has no timer; nothing should happen over many intervals.
        await().during(INTERVAL.multipliedBy(20)).atMost(WAIT).until(() -> passes.get() <= afterStop + 1);

        poller.start();
        assertThat(poller.isStarted()).isTrue();
        await().atMost(WAIT).until(() -> passes.get() >= afterStop + 3);
    }
}
