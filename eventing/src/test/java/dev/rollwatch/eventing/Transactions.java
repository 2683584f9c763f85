package dev.rollwatch.eventing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/** Runs database work from a test thread the way services do: its own Vert.x context, one transaction. */
public final class Transactions {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Transactions() {}

    /** Starts {@code work} in a transaction; it commits when the returned Uni succeeds, else rolls back. */
    public static <T> Uni<T> inTransaction(Vertx vertx, Supplier<Uni<T>> work) {
        return ReactiveWork.onOwnContext(vertx, () -> Panache.withTransaction(work));
    }

    /** Runs {@code work} in a transaction and waits for the commit. */
    public static <T> T commit(Vertx vertx, Supplier<Uni<T>> work) {
        return inTransaction(vertx, work).await().atMost(WAIT);
    }
}
