package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The one decision to roll a release back. The executor stops advancing and restores the stable
 * state; there is exactly one per release (plus at most one re-trigger when a restore was not
 * verified).
 *
 * @param releaseId    the release
 * @param reason       why
 * @param policy       the rollback policy that applied
 * @param triggeredAt  when it was decided
 * @param triggeredBy  the operator for a manual abort, otherwise the rollback-service
 * @param causeEventId the {@code health.degraded} or command event that caused it
 * @param evidence     the measurements acted on (health-degraded rollbacks)
 * @param restoreTo    the stable state to restore, when known
 * @param attempt      1 for the decision, 2 for the single re-trigger
 * @param message      one line for people
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollbackTriggered(
        String releaseId,
        Reason reason,
        RollbackPolicy policy,
        Instant triggeredAt,
        String triggeredBy,
        UUID causeEventId,
        List<Evidence> evidence,
        StepCompleted.StableState restoreTo,
        int attempt,
        String message)
        implements ReleaseEvent {

    public RollbackTriggered {
        evidence = evidence == null ? null : List.copyOf(evidence);
    }

    public enum Reason {
        /** SLOs broke and the policy said roll back. */
        @JsonProperty("healthDegraded")
        HEALTH_DEGRADED,
        /** An operator aborted the release. */
        @JsonProperty("manualAbort")
        MANUAL_ABORT,
        /** Manual policy: nobody acted before the deadline. */
        @JsonProperty("decisionDeadline")
        DECISION_DEADLINE
    }
}
