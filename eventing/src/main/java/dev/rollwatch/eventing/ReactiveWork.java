package dev.rollwatch.eventing;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private ReactiveWork() {
    }

    /** Runs {@code work} on a new duplicated, safe Vert.x context; callable from any thread. */
    public static <T> Uni<T> onOwnContext(Vertx vertx, Supplier<Uni<? extends T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored ->
                Uni.createFrom().<T>deferred(work).subscribe().with(emitter::complete, emitter::fail)));
    }

    /**
     * Runs {@code pass} every {@code interval} while {@code enabled} says so, never two passes at once.
     * A failed pass is logged and the next one runs as usual: due work stays due until done.
     *
     * @return the Vert.x timer id
     */
    public static long poll(Vertx vertx, String what, Duration interval, BooleanSupplier enabled,
            Supplier<Uni<?>> pass) {
        AtomicBoolean running = new AtomicBoolean(false);
        return vertx.setPeriodic(Math.max(1, interval.toMillis()), Math.max(1, interval.toMillis()), id -> {
            if (!enabled.getAsBoolean() || !running.compareAndSet(false, true)) {
                return;
            }
            onOwnContext(vertx, pass::get).subscribe().with(
                    done -> running.set(false),
                    failure -> {
                        running.set(false);
                        LOG.warnf("%s pass failed, retrying on the next one: %s", what, failure.toString());
                    });
        });
    }
}
