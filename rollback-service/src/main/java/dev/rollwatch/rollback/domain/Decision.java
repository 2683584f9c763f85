package dev.rollwatch.rollback.domain;

import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.RollbackPolicy;
import dev.rollwatch.events.RollbackTriggered;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The one rollback decision of a release and the progress of its restore. Immutable: every change
 * is a new value, built with {@link #toBuilder()}.
 *
 * @param releaseId        the release (one decision per release)
 * @param status           where the decision stands
 * @param policy           the rollback policy that applied
 * @param reason           why it was rolled back, once triggered
 * @param causeEventId     the {@code health.degraded} or command event that decided it
 * @param triggeredBy      the operator for an abort, otherwise the rollback-service
 * @param evidence         the measurements acted on, when health degraded
 * @param summary          one line for people: what broke, or the operator's reason
 * @param degradedAt       when the breach was detected (the signal's detectedAt, or its receipt)
 * @param decidedAt        when the decision was made
 * @param decisionDeadline manual policy: when the recommendation turns into a rollback
 * @param triggeredAt      when the first {@code rollback.triggered} went out
 * @param attempt          0 before triggering, 1 for the decision, 2 after the single re-trigger
 * @param lastTriggeredAt  when the latest attempt went out
 * @param confirmedAt      when the executor reported the restore done
 * @param executorReport   the executor's latest word on the restore (its step message), done or failed
 * @param verifyDueAt      when the current attempt must be verified by
 * @param nextCheckAt      when the cluster is read next; null when nothing is left to check
 * @param lastFinding      what the latest check found, for people
 * @param verifiedAt       when the restore was verified (or confirmed)
 * @param alertedAt        when people were paged about an unverified restore
 * @param giveUpAt         when checking an unverified restore stops
 * @param note             why the decision is where it is (e.g. why a recommendation was dismissed)
 * @param supersededBy     the newer release that took over the objects of the restore, when superseded
 */
public record Decision(
        String releaseId,
        DecisionStatus status,
        RollbackPolicy policy,
        RollbackTriggered.Reason reason,
        UUID causeEventId,
        String triggeredBy,
        List<Evidence> evidence,
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
        Instant nextCheckAt,
        String lastFinding,
        Instant verifiedAt,
        Instant alertedAt,
        Instant giveUpAt,
        String note,
        String supersededBy) {

    public Decision {
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(causeEventId, "causeEventId");
        Objects.requireNonNull(decidedAt, "decidedAt");
        evidence = evidence == null ? null : List.copyOf(evidence);
        if (attempt < 0 || attempt > 2) {
            throw new IllegalArgumentException("attempt must be 0, 1 or 2, was " + attempt);
        }
        if (status.rollbackTriggered() && (reason == null || attempt == 0 || triggeredAt == null)) {
            throw new IllegalArgumentException(status + " needs a reason, an attempt and a trigger time");
        }
    }

    public boolean hasHealthEvidence() {
        return evidence != null && !evidence.isEmpty();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(String releaseId) {
        return new Builder(releaseId);
    }

    /** Builds a changed decision; fields not set keep their value. */
    public static final class Builder {
        private final String releaseId;
        private DecisionStatus status;
        private RollbackPolicy policy;
        private RollbackTriggered.Reason reason;
        private UUID causeEventId;
        private String triggeredBy;
        private List<Evidence> evidence;
        private String summary;
        private Instant degradedAt;
        private Instant decidedAt;
        private Instant decisionDeadline;
        private Instant triggeredAt;
        private int attempt;
        private Instant lastTriggeredAt;
        private Instant confirmedAt;
        private String executorReport;
        private Instant verifyDueAt;
        private Instant nextCheckAt;
        private String lastFinding;
        private Instant verifiedAt;
        private Instant alertedAt;
        private Instant giveUpAt;
        private String note;
        private String supersededBy;

        private Builder(String releaseId) {
            this.releaseId = releaseId;
        }

        private Builder(Decision d) {
            releaseId = d.releaseId;
            status = d.status;
            policy = d.policy;
            reason = d.reason;
            causeEventId = d.causeEventId;
            triggeredBy = d.triggeredBy;
            evidence = d.evidence;
            summary = d.summary;
            degradedAt = d.degradedAt;
            decidedAt = d.decidedAt;
            decisionDeadline = d.decisionDeadline;
            triggeredAt = d.triggeredAt;
            attempt = d.attempt;
            lastTriggeredAt = d.lastTriggeredAt;
            confirmedAt = d.confirmedAt;
            executorReport = d.executorReport;
            verifyDueAt = d.verifyDueAt;
            nextCheckAt = d.nextCheckAt;
            lastFinding = d.lastFinding;
            verifiedAt = d.verifiedAt;
            alertedAt = d.alertedAt;
            giveUpAt = d.giveUpAt;
            note = d.note;
            supersededBy = d.supersededBy;
        }

        public Builder status(DecisionStatus value) {
            status = value;
            return this;
        }

        public Builder policy(RollbackPolicy value) {
            policy = value;
            return this;
        }

        public Builder reason(RollbackTriggered.Reason value) {
            reason = value;
            return this;
        }

        public Builder causeEventId(UUID value) {
            causeEventId = value;
            return this;
        }

        public Builder triggeredBy(String value) {
            triggeredBy = value;
            return this;
        }

        public Builder evidence(List<Evidence> value) {
            evidence = value;
            return this;
        }

        public Builder summary(String value) {
            summary = value;
            return this;
        }

        public Builder degradedAt(Instant value) {
            degradedAt = value;
            return this;
        }

        public Builder decidedAt(Instant value) {
            decidedAt = value;
            return this;
        }

        public Builder decisionDeadline(Instant value) {
            decisionDeadline = value;
            return this;
        }

        public Builder triggeredAt(Instant value) {
            triggeredAt = value;
            return this;
        }

        public Builder attempt(int value) {
            attempt = value;
            return this;
        }

        public Builder lastTriggeredAt(Instant value) {
            lastTriggeredAt = value;
            return this;
        }

        public Builder confirmedAt(Instant value) {
            confirmedAt = value;
            return this;
        }

        public Builder executorReport(String value) {
            executorReport = value;
            return this;
        }

        public Builder verifyDueAt(Instant value) {
            verifyDueAt = value;
            return this;
        }

        public Builder nextCheckAt(Instant value) {
            nextCheckAt = value;
            return this;
        }

        public Builder lastFinding(String value) {
            lastFinding = value;
            return this;
        }

        public Builder verifiedAt(Instant value) {
            verifiedAt = value;
            return this;
        }

        public Builder alertedAt(Instant value) {
            alertedAt = value;
            return this;
        }

        public Builder giveUpAt(Instant value) {
            giveUpAt = value;
            return this;
        }

        public Builder note(String value) {
            note = value;
            return this;
        }

        public Builder supersededBy(String value) {
            supersededBy = value;
            return this;
        }

        public Decision build() {
            return new Decision(
                    releaseId,
                    status,
                    policy,
                    reason,
                    causeEventId,
                    triggeredBy,
                    evidence,
                    summary,
                    degradedAt,
                    decidedAt,
                    decisionDeadline,
                    triggeredAt,
                    attempt,
                    lastTriggeredAt,
                    confirmedAt,
                    executorReport,
                    verifyDueAt,
                    nextCheckAt,
                    lastFinding,
                    verifiedAt,
                    alertedAt,
                    giveUpAt,
                    note,
                    supersededBy);
        }
    }
}
