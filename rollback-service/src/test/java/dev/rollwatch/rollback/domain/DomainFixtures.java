package dev.rollwatch.rollback.domain;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackPolicy;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Releases, signals and settings for the decision tests. */
final class DomainFixtures {

    static final Instant NOW = Instant.parse("2026-11-20T14:03:41Z");
    static final String RELEASE = "checkout-1.4.2-7f3a9c1";
    static final String IMAGE = "registry.example.com/shop/checkout:1.4.2";
    static final DecisionSettings SETTINGS = new DecisionSettings(
            RollbackPolicy.AUTOMATIC,
            Duration.ofSeconds(30),
            Duration.ofMinutes(10),
            Duration.ofMinutes(2),
            Duration.ofSeconds(5),
            Duration.ofHours(1),
            true);

    private DomainFixtures() {}

    static ReleaseRequested request(RollbackPolicy policy) {
        return ReleaseRequestBuilder.canary()
                .releaseId(RELEASE)
                .image(IMAGE)
                .rollbackPolicy(policy)
                .build();
    }

    /** A release that was requested and has taken its first step (so its stable state is known). */
    static ReleaseFacts running(RollbackPolicy policy) {
        return new ReleaseFacts(RELEASE, request(policy), StepCompleted.Phase.PROGRESSING, EventFixtures.STABLE);
    }

    static ReleaseFacts inPhase(StepCompleted.Phase phase) {
        return new ReleaseFacts(RELEASE, request(null), phase, EventFixtures.STABLE);
    }

    static DegradedSignal signal() {
        return signal(UUID.randomUUID(), NOW);
    }

    static DegradedSignal signal(UUID id, Instant receivedAt) {
        return new DegradedSignal(
                id,
                NOW.minusSeconds(1),
                receivedAt,
                10,
                List.of(EventFixtures.errorRateEvidence(0.124)),
                "error rate 12.4% > 5% for 3 consecutive windows",
                3);
    }

    static OperatorAbort abort(String reason) {
        return new OperatorAbort(UUID.randomUUID(), "oncall-maria", reason, NOW);
    }

    static StepCompleted rolledBack() {
        return EventFixtures.rolledBack(RELEASE, 4);
    }

    static StepCompleted rollbackFailed() {
        return EventFixtures.rollbackFailed(RELEASE, 4, "Deployment checkout: 409 conflict after 5 retries");
    }
}
