package dev.rollwatch.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.rollback.testing.Scenario;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

/** A release.requested breaking the release rules is refused like any malformed event: dead-lettered, not tracked. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ReleaseRulesIT {

    private static final String DLQ = Topics.RELEASE_REQUESTED + ".dlq";

    @Test
    void aRequestBreakingTheReleaseRulesIsDeadLetteredWithTheReason() {
        ReleaseRequested bad = ReleaseRequestBuilder.canary()
                .namespace(Scenario.namespace())
                .image("checkout")
                .build();
        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder dlq = kafka.record(DLQ)) {
            kafka.send(EventFixtures.event("ci/gitlab", bad));

            String reason =
                    TopicRecorder.headers(dlq.awaitRecord(DLQ, bad.releaseId())).get("dead-letter-reason");
            assertThat(reason).startsWith("release request breaks the release rules: image must name a tag");
        }
        Scenario.api().get("/api/v1/rollbacks/{id}", bad.releaseId()).then().statusCode(404);
    }
}
