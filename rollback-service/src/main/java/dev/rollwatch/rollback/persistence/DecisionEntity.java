package dev.rollwatch.rollback.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** The row of a release's one rollback decision; see {@code dev.rollwatch.rollback.domain.Decision}. */
@Entity
@Table(name = "rollback_decision")
public class DecisionEntity {

    @Id
    @Column(name = "release_id")
    public String releaseId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String policy;

    public String reason;

    @Column(name = "cause_event_id", nullable = false)
    public UUID causeEventId;

    @Column(name = "triggered_by")
    public String triggeredBy;

    /** The evidence acted on, as a JSON array. */
    @Column(columnDefinition = "text")
    public String evidence;

    @Column(columnDefinition = "text")
    public String summary;

    @Column(name = "degraded_at")
    public Instant degradedAt;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    @Column(name = "decision_deadline")
    public Instant decisionDeadline;

    @Column(name = "triggered_at")
    public Instant triggeredAt;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "last_triggered_at")
    public Instant lastTriggeredAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "executor_report", columnDefinition = "text")
    public String executorReport;

    @Column(name = "verify_due_at")
    public Instant verifyDueAt;

    @Column(name = "next_check_at")
    public Instant nextCheckAt;

    @Column(name = "last_finding", columnDefinition = "text")
    public String lastFinding;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    @Column(name = "alerted_at")
    public Instant alertedAt;

    @Column(name = "give_up_at")
    public Instant giveUpAt;

    @Column(columnDefinition = "text")
    public String note;

    /** The newer release that took over the objects of the restore (status SUPERSEDED). */
    @Column(name = "superseded_by")
    public String supersededBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;
}
