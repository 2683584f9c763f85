package dev.rollwatch.release;

import static org.hamcrest.Matchers.containsString;

import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.security.testing.TestApiKeys;
import dev.rollwatch.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** An artifact the rollback-service quarantined is refused unless the request overrides it. */
@QuarkusTest
class QuarantineIT {

    @Test
    void aQuarantinedImageIsRefusedUnlessTheRequestOverrides() {
        String image = "registry.example.com/shop/checkout:bad-"
                + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.send(EventFixtures.event(
                    "rollback-service",
                    new RollbackNotice(
                            "rel-rolled-back-" + UUID.randomUUID(),
                            RollbackNotice.Kind.ARTIFACT_QUARANTINED,
                            RollbackNotice.Severity.WARNING,
                            Instant.now(),
                            "rolled back: error rate 12% > 5%",
                            image,
                            null,
                            null)));
        }

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Api.as(TestApiKeys.ADMIN)
                        .body(Api.body(TestReleases.canary().image(image).build()))
                        .post("/api/v1/releases")
                        .then()
                        .statusCode(409)
                        .body("detail", containsString("quarantined")));
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(TestReleases.canary()
                        .image(image)
                        .quarantineOverride(true)
                        .build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);
    }
}
