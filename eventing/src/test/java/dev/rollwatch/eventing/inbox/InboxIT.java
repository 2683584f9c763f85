package dev.rollwatch.eventing.inbox;

import static dev.rollwatch.eventing.Transactions.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The inbox against a real PostgreSQL: an event id is claimed once, together with its effect. */
@QuarkusTest
class InboxIT {

    @Inject
    Inbox inbox;

    @Inject
    Vertx vertx;

    @Test
    void claimsAnEventTheFirstTimeAndRecognisesItsRedelivery() {
        UUID eventId = UUID.randomUUID();

        assertThat(commit(vertx, () -> inbox.claim(eventId, Topics.STEP_COMPLETED)))
                .isTrue();
        assertThat(commit(vertx, () -> inbox.claim(eventId, Topics.STEP_COMPLETED)))
                .isFalse();
    }

    @Test
    void forgetsAClaimWhoseEffectRolledBackSoTheRedeliveryIsApplied() {
        UUID eventId = UUID.randomUUID();

        assertThatThrownBy(() -> commit(
                        vertx,
                        () -> inbox.claim(eventId, Topics.STEP_COMPLETED)
                                .chain(() -> Uni.createFrom().failure(new IllegalStateException("effect failed")))))
                .hasMessageContaining("effect failed");

        assertThat(commit(vertx, () -> inbox.claim(eventId, Topics.STEP_COMPLETED)))
                .isTrue();
    }
}
