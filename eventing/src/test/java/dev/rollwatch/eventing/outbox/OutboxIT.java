package dev.rollwatch.eventing.outbox;

import static dev.rollwatch.eventing.Transactions.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.eventing.Events;
import dev.rollwatch.eventing.ReactiveWork;
import dev.rollwatch.eventing.Transactions;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The outbox against a real PostgreSQL and Kafka: what commits goes out, in order, once; nothing else does. */
@QuarkusTest
class OutboxIT {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxMaintenance maintenance;

    @Inject
    Events events;

    @Inject
    Vertx vertx;

    @Inject
    RecordedUndeliverables undeliverables;

    @Test
    void publishesACommittedEventWithItsCloudEventsHeadersAndMarksItPublished() {
        String releaseId = "rel-" + UUID.randomUUID();
        CloudEvent<StepCompleted> event = events.create(EventFixtures.weightSet(releaseId, 1, 4, 25));
        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder recorder = kafka.record(Topics.STEP_COMPLETED)) {
            commit(vertx, () -> outbox.publish(event));

            List<CloudEvent<ReleaseEvent>> published = recorder.awaitEvents(Topics.STEP_COMPLETED, releaseId, 1);

            assertThat(published).singleElement().isEqualTo(event);
            assertThat(published.get(0).source()).isEqualTo("eventing-it");
            // Marked only after Kafka acknowledged it; the mark is what keeps it from going out again.
            await().atMost(Duration.ofSeconds(10)).until(() -> stored(event.id()).publishedAt != null);
        }
    }

    @Test
    void publishesTheEventsOfARelease_InTheOrderTheyWereCommitted() {
        String first = "rel-" + UUID.randomUUID();
        String second = "rel-" + UUID.randomUUID();
        List<UUID> firstOrder = new ArrayList<>();
        List<UUID> secondOrder = new ArrayList<>();
        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder recorder = kafka.record(Topics.STEP_COMPLETED)) {
            // Committed while the relay is held, so they go out together in one batch, both releases at once.
            relay.pause();
            try {
                for (int step = 0; step < 5; step++) {
                    firstOrder.add(commitStep(first, step));
                    secondOrder.add(commitStep(second, step));
                }
                assertThat(maintenance.pending().await().atMost(Duration.ofSeconds(10)))
                        .isGreaterThanOrEqualTo(10);
            } finally {
                relay.resume();
            }

            assertThat(ids(recorder.awaitEvents(Topics.STEP_COMPLETED, first, 5)))
                    .isEqualTo(firstOrder);
            assertThat(ids(recorder.awaitEvents(Topics.STEP_COMPLETED, second, 5)))
                    .isEqualTo(secondOrder);
        }
    }

    @Test
    void neverPublishesAnEventWhoseTransactionRolledBack() {
        String releaseId = "rel-" + UUID.randomUUID();
        CloudEvent<StepCompleted> rolledBack = events.create(EventFixtures.weightSet(releaseId, 0, 4, 10));
        CloudEvent<StepCompleted> committed = events.create(EventFixtures.weightSet(releaseId, 1, 4, 25));
        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder recorder = kafka.record(Topics.STEP_COMPLETED)) {
            assertThatThrownBy(() -> commit(
                            vertx,
                            () -> outbox.publish(rolledBack)
                                    .chain(() -> Uni.createFrom()
                                            .failure(new IllegalStateException("state change failed")))))
                    .hasMessageContaining("state change failed");
            commit(vertx, () -> outbox.publish(committed));

            // Same release, same partition: had the first been committed, it would have arrived first.
            List<CloudEvent<ReleaseEvent>> published = recorder.awaitEvents(Topics.STEP_COMPLETED, releaseId, 1);
            assertThat(ids(published)).containsExactly(committed.id());
        }
    }

    @Test
    void anEventKafkaRefusesForGoodIsSetAsideAndTheReleasesLaterEventsStillGoOut() {
        String releaseId = "rel-" + UUID.randomUUID();
        CloudEvent<StepCompleted> tooLarge = events.create(EventFixtures.weightSet(releaseId, 0, 4, 10));
        CloudEvent<StepCompleted> next = events.create(EventFixtures.weightSet(releaseId, 1, 4, 25));
        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder recorder = kafka.record(Topics.STEP_COMPLETED)) {
            commitTooLargeThenNext(tooLarge, next);

            // The later event of the same key is not held behind the one that can never go.
            assertThat(ids(recorder.awaitEvents(Topics.STEP_COMPLETED, releaseId, 1)))
                    .containsExactly(next.id());
            await().atMost(Duration.ofSeconds(10)).until(() -> stored(tooLarge.id()).failedAt != null);
            OutboxEntry failed = stored(tooLarge.id());
            assertThat(failed.publishedAt).isNull();
            assertThat(failed.failure).isEqualTo("the event is larger than the broker accepts");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> undeliverables
                            .events()
                            .contains(new UndeliverableEvent(
                                    tooLarge.id(),
                                    Topics.STEP_COMPLETED,
                                    releaseId,
                                    tooLarge.type(),
                                    "the event is larger than the broker accepts")));
            // Not outbox lag: a lag alert would otherwise fire for good.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> maintenance.pending().await().atMost(Duration.ofSeconds(10)) == 0);
        }
    }

    @Test
    void aReactionToAnUndeliverableEventThatFailsIsTriedAgainAndNeverHoldsTheOutboxBack() {
        String releaseId = "rel-" + UUID.randomUUID();
        CloudEvent<StepCompleted> tooLarge = events.create(EventFixtures.weightSet(releaseId, 0, 4, 10));
        CloudEvent<StepCompleted> next = events.create(EventFixtures.weightSet(releaseId, 1, 4, 25));
        undeliverables.failOnce(tooLarge.id());
        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder recorder = kafka.record(Topics.STEP_COMPLETED)) {
            commitTooLargeThenNext(tooLarge, next);

            assertThat(ids(recorder.awaitEvents(Topics.STEP_COMPLETED, releaseId, 1)))
                    .containsExactly(next.id());
            // The first reaction failed; a later pass reacted again, and only then is it done.
            await().atMost(Duration.ofSeconds(15)).until(() -> stored(tooLarge.id()).reactedAt != null);
            assertThat(undeliverables.attempts(tooLarge.id())).isEqualTo(2);
            assertThat(stored(tooLarge.id()).failedAt).isNotNull();
            // And the failed reaction never sent what Kafka had taken again.
            assertThat(recorder.records(Topics.STEP_COMPLETED, releaseId)).hasSize(1);
        }
    }

    @Test
    void anotherServicesRelayHoldingItsLockDoesNotStopThisServicePublishing() throws Exception {
        String releaseId = "rel-" + UUID.randomUUID();
        CloudEvent<StepCompleted> event = events.create(EventFixtures.weightSet(releaseId, 1, 4, 25));
        CompletableFuture<Void> finish = new CompletableFuture<>();
        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder recorder = kafka.record(Topics.STEP_COMPLETED)) {
            // Another service in the same database, its relay stuck on a send with its lock held.
            CompletableFuture<Boolean> otherRelay = holdRelayLock("other_service", finish);
            assertThat(otherRelay.get(10, TimeUnit.SECONDS)).isTrue();

            commit(vertx, () -> outbox.publish(event));

            assertThat(ids(recorder.awaitEvents(Topics.STEP_COMPLETED, releaseId, 1)))
                    .containsExactly(event.id());
        } finally {
            finish.complete(null);
        }
    }

    @Test
    void aSecondRelayOfTheSameServiceWaitsForTheOneHoldingTheLock() throws Exception {
        CompletableFuture<Void> finish = new CompletableFuture<>();
        try {
            assertThat(holdRelayLock("eventing_it", finish).get(10, TimeUnit.SECONDS))
                    .isTrue();
            assertThat(commit(vertx, () -> Panache.getSession().flatMap(OutboxRelay::tryRelayLock)))
                    .isFalse();
        } finally {
            finish.complete(null);
        }
    }

    /**
     * Takes the relay lock as the relay of the service owning {@code schema} would, and holds it until
     * {@code finish} completes; the result says whether it got it.
     */
    private CompletableFuture<Boolean> holdRelayLock(String schema, CompletableFuture<Void> finish) {
        CompletableFuture<Boolean> locked = new CompletableFuture<>();
        Transactions.inTransaction(vertx, () -> {
                    Context context = Vertx.currentContext();
                    return Panache.getSession()
                            .flatMap(session -> session.createNativeQuery("create schema if not exists " + schema)
                                    .executeUpdate()
                                    .chain(() -> session.createNativeQuery("set local search_path to " + schema)
                                            .executeUpdate())
                                    .chain(() -> OutboxRelay.tryRelayLock(session)))
                            .invoke(locked::complete)
                            .chain(() -> Uni.createFrom()
                                    .completionStage(finish)
                                    .emitOn(task -> context.runOnContext(ignored -> task.run())));
                })
                .subscribe()
                .with(ignored -> {}, locked::completeExceptionally);
        return locked;
    }

    /**
     * Commits {@code tooLarge}, grown beyond the producer's 1 MiB max.request.size (as a request nobody
     * capped once made it), then {@code next} of the same release, both before the relay sees either.
     */
    private void commitTooLargeThenNext(CloudEvent<StepCompleted> tooLarge, CloudEvent<StepCompleted> next) {
        relay.pause();
        try {
            commit(vertx, () -> outbox.publish(tooLarge));
            commit(vertx, () -> inflatePayload(tooLarge.id(), 1_200_000));
            commit(vertx, () -> outbox.publish(next));
        } finally {
            relay.resume();
        }
    }

    private static Uni<Integer> inflatePayload(UUID eventId, int size) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "update outbox set payload = :payload where event_id = :id")
                        .setParameter("payload", "x".repeat(size))
                        .setParameter("id", eventId)
                        .executeUpdate());
    }

    private UUID commitStep(String releaseId, int step) {
        CloudEvent<StepCompleted> event = events.create(EventFixtures.weightSet(releaseId, step, 5, 10 + step));
        commit(vertx, () -> outbox.publish(event));
        return event.id();
    }

    private OutboxEntry stored(UUID eventId) {
        return ReactiveWork.onOwnContext(
                        vertx,
                        () -> Panache.withSession(() -> Panache.getSession()
                                .flatMap(session -> session.createSelectionQuery(
                                                "from OutboxEntry where eventId = :id", OutboxEntry.class)
                                        .setParameter("id", eventId)
                                        .getSingleResult())))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    private static List<UUID> ids(List<CloudEvent<ReleaseEvent>> events) {
        return events.stream().map(CloudEvent::id).toList();
    }
}
