package dev.rollwatch.eventing.quarantine;

import static dev.rollwatch.eventing.Transactions.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The quarantine projection against a real PostgreSQL: the first rollback of an artifact stays on record. */
@QuarkusTest
class QuarantinesIT {

    @Inject
    Quarantines quarantines;

    @Inject
    Vertx vertx;

    @Test
    void keepsTheFirstRollbackThatQuarantinedAnArtifact() {
        String artifact = "registry.example.com/shop/checkout@sha256:" + UUID.randomUUID();
        Instant first = Instant.parse("2026-12-07T00:00:00Z");

        assertThat(commit(
                        vertx,
                        () -> quarantines.quarantine(artifact, "checkout:1.2", "rel-1", "error rate 12%", first)))
                .isTrue();
        assertThat(commit(
                        vertx,
                        () -> quarantines.quarantine(
                                artifact, "checkout:1.2-again", "rel-2", "latency", first.plusSeconds(60))))
                .isFalse();

        QuarantinedArtifact kept = commit(vertx, () -> quarantines.findById(artifact));
        assertThat(kept.releaseId).isEqualTo("rel-1");
        assertThat(kept.image).isEqualTo("checkout:1.2");
        assertThat(kept.reason).isEqualTo("error rate 12%");
        assertThat(kept.quarantinedAt).isEqualTo(first);
    }
}
