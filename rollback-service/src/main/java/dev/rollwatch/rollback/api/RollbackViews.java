package dev.rollwatch.rollback.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollwatch.eventing.quarantine.QuarantinedArtifact;
import dev.rollwatch.rollback.persistence.DecisionEntity;
import dev.rollwatch.rollback.persistence.DecisionInputEntity;
import dev.rollwatch.rollback.persistence.TrackedReleaseEntity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of the read-only API. */
public final class RollbackViews {

    private RollbackViews() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rollback(String releaseId, Release release, Decision decision, List<Input> inputs) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Release(
            boolean requested, String image, String phase, boolean quarantineOverride, Instant quarantineFlaggedAt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decision(
            String status,
            String policy,
            String reason,
            UUID causeEventId,
            String triggeredBy,
            String summary,
            Instant degradedAt,
            Instant decidedAt,
            Instant decisionDeadline,
            Instant triggeredAt,
            int attempt,
            Instant lastTriggeredAt,
            Instant confirmedAt,
            String executorReport,
            Instant verifyDueAt,
            String lastFinding,
            Instant verifiedAt,
            Instant alertedAt,
            String note,
            String supersededBy) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Input(
            UUID eventId,
            String kind,
            String source,
            Instant occurredAt,
            Instant receivedAt,
            String effect,
            String note,
            Instant dueAt) {}

    public record Quarantined(String artifact, String image, String releaseId, Instant quarantinedAt) {}

    static Rollback rollback(
            String releaseId, TrackedReleaseEntity release, DecisionEntity decision, List<DecisionInputEntity> inputs) {
        return new Rollback(
                releaseId,
                release == null ? null : release(release),
                decision == null ? null : decision(decision),
                inputs.stream().map(RollbackViews::input).toList());
    }

    static Quarantined quarantined(QuarantinedArtifact row) {
        return new Quarantined(row.artifact, row.image, row.releaseId, row.quarantinedAt);
    }

    private static Release release(TrackedReleaseEntity row) {
        return new Release(row.request != null, row.image, row.phase, row.quarantineOverride, row.quarantineFlaggedAt);
    }

    private static Decision decision(DecisionEntity row) {
        return new Decision(
                row.status,
                row.policy,
                row.reason,
                row.causeEventId,
                row.triggeredBy,
                row.summary,
                row.degradedAt,
                row.decidedAt,
                row.decisionDeadline,
                row.triggeredAt,
                row.attempt,
                row.lastTriggeredAt,
                row.confirmedAt,
                row.executorReport,
                row.verifyDueAt,
                row.lastFinding,
                row.verifiedAt,
                row.alertedAt,
                row.note,
                row.supersededBy);
    }

    private static Input input(DecisionInputEntity row) {
        return new Input(
                row.eventId, row.kind, row.source, row.occurredAt, row.receivedAt, row.effect, row.note, row.dueAt);
    }
}
