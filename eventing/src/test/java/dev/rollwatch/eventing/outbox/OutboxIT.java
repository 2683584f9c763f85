package dev.rollwatch.eventing.outbox;

import static dev.rollwatch.eventing.Transactions.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.eventing.Events;
import dev.rollwatch.eventing.ReactiveWork;
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
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
