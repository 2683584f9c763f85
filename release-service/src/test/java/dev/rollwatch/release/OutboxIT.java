package dev.rollwatch.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.rollwatch.eventing.outbox.OutboxMaintenance;
import dev.rollwatch.eventing.outbox.OutboxRelay;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Topics;
import dev.rollwatch.security.testing.TestApiKeys;
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
    void aRequestKafkaRefusesForGoodEndsItsReleaseFailedWithTheReasonAndFreesTheApplication() throws Exception {
        ReleaseRequested request = TestReleases.canary().build();
        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder recorder = kafka.record(Topics.RELEASE_REQUESTED, Topics.RELEASE_STATUS)) {
            relay.pause();
            try {
                Api.as(TestApiKeys.ADMIN)
                        .body(Api.body(request))
                        .post("/api/v1/releases")
                        .then()
                        .statusCode(202);
                // Grown past what Kafka takes (1 MiB per request), as an uncapped field once made it.
                inflateRequest(request.releaseId(), 1_200_000);
            } finally {
                relay.resume();
            }

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> Api.as(TestApiKeys.ADMIN)
                            .get("/api/v1/releases/" + request.releaseId())
                            .then()
                            .statusCode(200)
                            .body("release.state", equalTo("FAILED"))
                            .body(
                                    "release.reason",
                                    equalTo("nothing was started: its release.requested event could not be"
                                            + " published: the event is larger than the broker accepts")));
            // Dashboards see the end; nothing else ever sees the request.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> recorder.records(Topics.RELEASE_STATUS, request.releaseId()).stream()
                            .anyMatch(record -> record.value().contains("\"FAILED\"")));
            assertThat(recorder.records(Topics.RELEASE_REQUESTED, request.releaseId()))
                    .isEmpty();
            assertThat(registry.counter("rollwatch.outbox.undeliverable").count())
                    .isGreaterThanOrEqualTo(1.0);
            // Not outbox lag, and the application is not locked: its next release is accepted.
            assertThat(outbox.pending().await().indefinitely()).isZero();
            Api.as(TestApiKeys.ADMIN)
                    .body(Api.body(TestReleases.canary()
                            .application(request.application())
                            .build()))
                    .post("/api/v1/releases")
                    .then()
                    .statusCode(202);
        }
    }

    private void inflateRequest(String releaseId, int size) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update release_service.outbox set payload = ?" + " where topic = ? and record_key = ?")) {
            update.setString(1, "x".repeat(size));
            update.setString(2, Topics.RELEASE_REQUESTED);
            update.setString(3, releaseId);
            assertThat(update.executeUpdate()).isOne();
        }
    }
}
