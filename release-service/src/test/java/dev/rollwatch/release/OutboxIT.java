package dev.rollwatch.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.eventing.outbox.OutboxMaintenance;
import dev.rollwatch.eventing.outbox.OutboxRelay;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Topics;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The release and its event commit together; the event goes out exactly once, even after a crash. */
@QuarkusTest
class OutboxIT {

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxMaintenance outbox;

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
}
