package dev.rollwatch.executor.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * Runs blocking Kubernetes calls on a worker thread and continues on the caller's Vert.x context,
 * where the reactive Hibernate session of the transaction that records the outcome then opens. No
 * transaction is open during the call ({@link RolloutDriver}).
 */
final class Blocking {

    private Blocking() {}

    static <T> Uni<T> call(Callable<T> task) {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("blocking Kubernetes work must be started from a Vert.x context");
        }
        return Uni.createFrom()
                .completionStage(() -> context.executeBlocking(task, false).toCompletionStage());
    }
}
