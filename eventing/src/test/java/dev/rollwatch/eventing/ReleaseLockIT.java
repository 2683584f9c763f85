package dev.rollwatch.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The release lock against a real PostgreSQL: one transaction per release at a time, released at commit. */
@QuarkusTest
class ReleaseLockIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Vertx vertx;

    @Test
    void aSecondTransactionOnTheSameReleaseWaitsUntilTheFirstCommits() throws Exception {
        String releaseId = "rel-" + UUID.randomUUID();
        CompletableFuture<Void> holding = new CompletableFuture<>();
        CompletableFuture<Void> finish = new CompletableFuture<>();
        CompletableFuture<Void> first = holdLock(releaseId, holding, finish);
        holding.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);

        CompletableFuture<Void> second = lockAndCommit(releaseId);
        // Another release is not held up by it.
        lockAndCommit("rel-" + UUID.randomUUID()).get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> !second.isDone());

        finish.complete(null);

        await().atMost(WAIT).until(second::isDone);
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
    }

    @Test
    void anotherServiceWorkingOnTheSameReleaseDoesNotWaitForThisServicesLock() throws Exception {
        String releaseId = "rel-" + UUID.randomUUID();
        CompletableFuture<Void> holding = new CompletableFuture<>();
        CompletableFuture<Void> finish = new CompletableFuture<>();
        try {
            holdLock(releaseId, holding, finish);
            holding.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);

            // The same release's lock taken by a service with its own schema in the same database.
            Transactions.inTransaction(
                            vertx,
                            () -> Panache.getSession()
                                    .flatMap(session -> session.createNativeQuery(
                                                    "create schema if not exists other_service")
                                            .executeUpdate()
                                            .chain(() -> session.createNativeQuery(
                                                            "set local search_path to other_service")
                                                    .executeUpdate()))
                                    .chain(() -> ReleaseLock.acquire(releaseId)))
                    .subscribeAsCompletionStage()
                    .get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            finish.complete(null);
        }
    }

    /** Takes the release's lock and keeps its transaction open until {@code finish} completes. */
    private CompletableFuture<Void> holdLock(
            String releaseId, CompletableFuture<Void> holding, CompletableFuture<Void> finish) {
        return Transactions.inTransaction(vertx, () -> {
                    Context context = Vertx.currentContext();
                    return ReleaseLock.acquire(releaseId)
                            .invoke(() -> holding.complete(null))
                            .chain(() -> Uni.createFrom()
                                    .completionStage(finish)
                                    // Back on the transaction's context: the session must not change threads.
                                    .emitOn(task -> context.runOnContext(ignored -> task.run())));
                })
                .subscribeAsCompletionStage();
    }

    private CompletableFuture<Void> lockAndCommit(String releaseId) {
        return Transactions.inTransaction(vertx, () -> ReleaseLock.acquire(releaseId))
                .subscribeAsCompletionStage();
    }
}
