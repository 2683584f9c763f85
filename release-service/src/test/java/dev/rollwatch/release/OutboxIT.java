package dev.rollwatch.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.eventing.outbox.OutboxMaintenance;
import dev.rollwatch.eventing.outbox.OutboxRelay;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Topics;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    @Test
    void anEventCommittedButNotPublishedBeforeACrashIsPublishedOnceAfterRestart() {
        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder recorder = kafka.record(Topics.RELEASE_REQUESTED, Topics.RELEASE_STATUS)) {
            ReleaseRequested request = TestReleases.canary().build();
            // The process "dies" after the commit: nothing relays the committed outbox rows.
            relay.pause();
            try {
                Api.as(TestApiKeys.ADMIN).body(Api.body(request)).post("/api/v1/releases").then().statusCode(202);
                // Committed (the API answered), waiting in the outbox: the request and its status.
                assertThat(outbox.pending().await().indefinitely()).isGreaterThanOrEqualTo(2);
                assertThat(recorder.records(Topics.RELEASE_REQUESTED, request.releaseId())).isEmpty();
            } finally {
                // The restarted process relays what was committed.
                relay.resume();
            }

            assertThat(recorder.awaitEvents(Topics.RELEASE_REQUESTED, request.releaseId(), 1)).hasSize(1);
            recorder.awaitEvents(Topics.RELEASE_STATUS, request.releaseId(), 1);
            // Later passes find nothing left to publish.
            assertThat(relay.relayNow().await().indefinitely()).isZero();
            assertThat(recorder.records(Topics.RELEASE_REQUESTED, request.releaseId())).hasSize(1);
        }
    }

    @Test
    void anEventKafkaRefusesHoldsBackOnlyItsOwnReleaseAndNothingAcknowledgedGoesOutTwice() throws Exception {
        UUID refused = UUID.randomUUID();
        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder recorder = kafka.record(Topics.RELEASE_REQUESTED)) {
            ReleaseRequested request = TestReleases.canary().build();
            relay.pause();
            try {
                // Bigger than Kafka takes (1 MiB per request), committed just before the release.
                insertOutboxEntry(refused, "rel-" + refused, "x".repeat(1_200_000));
                Api.as(TestApiKeys.ADMIN).body(Api.body(request)).post("/api/v1/releases").then().statusCode(202);
            } finally {
                relay.resume();
            }

            recorder.awaitEvents(Topics.RELEASE_REQUESTED, request.releaseId(), 1);
            // The refused entry is tried again on every pass; what Kafka took is not sent again with it.
            for (int pass = 0; pass < 3; pass++) {
                relay.relayNow().await().indefinitely();
            }
            assertThat(outbox.pending().await().indefinitely()).isEqualTo(1L);
            assertThat(recorder.records(Topics.RELEASE_REQUESTED, request.releaseId())).hasSize(1);
        } finally {
            deleteOutboxEntry(refused);
        }
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
                PreparedStatement delete = connection.prepareStatement(
                        "delete from release_service.outbox where event_id = ?")) {
            delete.setObject(1, eventId);
            delete.executeUpdate();
        }
    }
}
