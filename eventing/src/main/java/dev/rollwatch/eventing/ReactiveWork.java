package dev.rollwatch.eventing;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Running Hibernate Reactive work outside a request or a Kafka record: every unit of work needs a
 * duplicated, safe Vert.x context of its own. Also the poller every service uses for due work
 * (outbox, timers, deadlines): Quarkus' scheduler cannot go below one second.
 */
public final class ReactiveWork {

    private static final Logger LOG = Logger.getLogger(ReactiveWork.class);

    private ReactiveWork() {}

    /** Runs {@code work} on a new duplicated, safe Vert.x context; callable from any thread. */
    public static <T> Uni<T> onOwnContext(Vertx vertx, Supplier<Uni<? extends T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom()
                .emitter(emitter -> context.runOnContext(ignored ->
                        Uni.createFrom().<T>deferred(work).subscribe().with(emitter::complete, emitter::fail)));
    }

    /**
     * Runs {@code pass} every {@code interval} while {@code enabled} says so, never two passes at
     * once. A failed pass is logged and the next one runs as usual: due work stays due until done.
     */
    public static Poller poll(
            Vertx vertx, String what, Duration interval, BooleanSupplier enabled, Supplier<Uni<?>> pass) {
        return new Poller(vertx, what, interval, enabled, pass);
    }

    /** A running poll loop: can be stopped and started (shutdown, tests) and says when it last completed a pass. */
    public static final class Poller {
        private final Vertx vertx;
        private final String what;
        private final Duration interval;
        private final BooleanSupplier enabled;
        private final Supplier<Uni<?>> pass;
        private final AtomicBoolean running = new AtomicBoolean(false);
        private final AtomicReference<String> lastFailure = new AtomicReference<>();
        private volatile Instant lastCompleted = Instant.now();
        /** Completes when the last pass started has finished. */
        private CompletableFuture<Void> passDone = CompletableFuture.completedFuture(null);

        private volatile long timer = -1;

        private Poller(Vertx vertx, String what, Duration interval, BooleanSupplier enabled, Supplier<Uni<?>> pass) {
            this.vertx = vertx;
            this.what = what;
            this.interval = interval;
            this.enabled = enabled;
            this.pass = pass;
            start();
        }

        public synchronized void start() {
            if (timer < 0) {
                long period = Math.max(1, interval.toMillis());
                timer = vertx.setPeriodic(period, period, id -> runPass());
            }
        }

        public synchronized void stop() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }

        /** When the last pass finished without failing: a stuck loop shows here (liveness checks). */
        public Instant lastCompleted() {
            return lastCompleted;
        }

        public boolean isStarted() {
            return timer >= 0;
        }

        /**
         * Blocks (so never on an event loop) until the pass running now, if any, has finished, or {@code timeout}
         * has passed. A pass that sees {@code enabled} false after this was called does not start.
         */
        public void awaitPassDone(Duration timeout) {
            CompletableFuture<Void> current;
            synchronized (this) {
                current = passDone;
            }
            try {
                current.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Not done in time (a pass is only ever completed normally): the caller goes on.
            }
        }

        private void runPass() {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            // With awaitPassDone's read under the same lock: a pass either began before (and is waited for)
            // or checks enabled after.
            synchronized (this) {
                if (!enabled.getAsBoolean() || !running.compareAndSet(false, true)) {
                    return;
                }
                passDone = finished;
            }
            onOwnContext(vertx, pass::get)
                    .subscribe()
                    .with(
                            done -> {
                                running.set(false);
                                finished.complete(null);
                                lastCompleted = Clock.systemUTC().instant();
                                if (lastFailure.getAndSet(null) != null) {
                                    LOG.infof("%s passes work again", what);
                                }
                            },
                            failure -> {
                                running.set(false);
                                finished.complete(null);
                                // The stack once per distinct failure; a repeat of it would only flood the log.
                                String summary = failure.toString();
                                if (!summary.equals(lastFailure.getAndSet(summary))) {
                                    LOG.warnf(
                                            failure,
                                            "%s pass failed; retrying every %s until it works",
                                            what,
                                            interval);
                                } else {
                                    LOG.debugf("%s pass failed again: %s", what, summary);
                                }
                            });
        }
    }
}
