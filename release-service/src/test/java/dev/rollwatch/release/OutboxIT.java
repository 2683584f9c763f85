package dev.rollwatch.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.eventing.outbox.OutboxMaintenance;
import dev.rollwatch.eventing.outbox.OutboxRelay;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Topics;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The release and its event commit together; the event goes out exactly once, even after a crash. */
@QuarkusTest
class OutboxIT {

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxMaintenance outbox;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void anEventCommittedButNotPublishedBeforeACrashIsPublishedOnceAfterRestart() {
        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder recorder = kafka.record(Topics.RELEASE_REQUESTED, Topics.RELEASE_STATUS)) {
            ReleaseRequested request = TestReleases.canary().build();
            // The process "dies" after the commit: nothing relays the committed outbox rows.
            relay.pause();
            try {
                Api.as(TestApiKeys.ADMIN)
                        .body(Api.body(request))
                        .post("/api/v1/releases")
                        .then()
                        .statusCode(202);
                // Committed (the API answered), waiting in the outbox: the request and its status.
                assertThat(outbox.pending().await().indefinitely()).isGreaterThanOrEqualTo(2);
                assertThat(recorder.records(Topics.RELEASE_REQUESTED, request.releaseId()))
                        .isEmpty();
            } finally {
                // The restarted process relays what was committed.
                relay.resume();
            }

            assertThat(recorder.awaitEvents(Topics.RELEASE_REQUESTED, request.releaseId(), 1))
                    .hasSize(1);
            recorder.awaitEvents(Topics.RELEASE_STATUS, request.releaseId(), 1);
            // Later passes find nothing left to publish.
            assertThat(relay.relayNow().await().indefinitely()).isZero();
            assertThat(recorder.records(Topics.RELEASE_REQUESTED, request.releaseId()))
                    .hasSize(1);
        }
    }

    @Test
    void anEventKafkaRefusesHoldsBackOnlyItsOwnReleaseAndNothingAcknowledgedGoesOutTwice() throws Exception {
        UUID refused = UUID.randomUUID();
        UUID behindIt = UUID.randomUUID();
        String key = "rel-" + refused;
        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder recorder = kafka.record(Topics.RELEASE_REQUESTED, Topics.RELEASE_STATUS)) {
            ReleaseRequested request = TestReleases.canary().build();
            double refusalsBefore = refusals();
            relay.pause();
            try {
                // Bigger than Kafka takes (1 MiB per request), then a small event of the same release,
                // both committed just before another release.
                insertOutboxEntry(refused, key, "x".repeat(1_200_000));
                insertOutboxEntry(behindIt, key, "{}");
                Api.as(TestApiKeys.ADMIN)
                        .body(Api.body(request))
                        .post("/api/v1/releases")
                        .then()
                        .statusCode(202);
            } finally {
                relay.resume();
            }

            recorder.awaitEvents(Topics.RELEASE_REQUESTED, request.releaseId(), 1);
            // The refused event is tried again after each wait (500 ms in tests), never overtaken by the
            // event behind it, and what Kafka took is not sent again with it.
            await().atMost(Duration.ofSeconds(20)).until(() -> refusals() >= refusalsBefore + 3);
            assertThat(outbox.pending().await().indefinitely()).isEqualTo(2L);
            assertThat(recorder.records(Topics.RELEASE_STATUS, key)).isEmpty();
            assertThat(recorder.records(Topics.RELEASE_REQUESTED, request.releaseId()))
                    .hasSize(1);
        } finally {
            deleteOutboxEntry(refused);
            deleteOutboxEntry(behindIt);
        }
    }

    private double refusals() {
        return registry.counter("rollwatch.outbox.refused").count();
    }

    private void insertOutboxEntry(UUID eventId, String key, String payload) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into release_service.outbox "
                        + "(event_id, topic, record_key, headers, payload) values (?, ?, ?, '{}', ?)")) {
            insert.setObject(1, eventId);
            insert.setString(2, Topics.RELEASE_STATUS);
            insert.setString(3, key);
            insert.setString(4, payload);
            insert.executeUpdate();
        }
    }

    private void deleteOutboxEntry(UUID eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete =
                        connection.prepareStatement("delete from release_service.outbox where event_id = ?")) {
            delete.setObject(1, eventId);
            delete.executeUpdate();
        }
    }
}
