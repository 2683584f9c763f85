package dev.rollwatch.executor.persistence;

import dev.rollwatch.events.Weights;
import dev.rollwatch.executor.domain.Lease;
import dev.rollwatch.executor.domain.Restore;
import dev.rollwatch.executor.domain.RolloutState;
import dev.rollwatch.executor.domain.RolloutStatus;
import dev.rollwatch.executor.domain.Stage;
import dev.rollwatch.executor.domain.Verdicts;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A release's progress as the executor stores it. */
@Entity
@Table(name = "rollout")
public class RolloutEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public String namespace;

    /** The stable Deployment the release works on; null while only early signals arrived. */
    public String deployment;

    @Column(columnDefinition = "text")
    public String request;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RolloutStatus status;

    @Column(name = "step_index", nullable = false)
    public int stepIndex;

    @Column(name = "step_count", nullable = false)
    public int stepCount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Stage stage;

    @Column(name = "step_started_at")
    public Instant stepStartedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "deadline_at")
    public Instant deadlineAt;

    @Column(name = "manual_pause", nullable = false)
    public boolean manualPause;

    @Column(name = "promote_requested", nullable = false)
    public boolean promoteRequested;

    @Column(name = "canary_weight", nullable = false)
    public int canaryWeight;

    @Column(name = "stable_weight", nullable = false)
    public int stableWeight = 100;

    @Column(columnDefinition = "text")
    public String stable;

    @Column(columnDefinition = "text")
    public String refusal;

    @Enumerated(EnumType.STRING)
    @Column(name = "restore_kind")
    public Restore.Kind restoreKind;

    @Column(name = "restore_reason", columnDefinition = "text")
    public String restoreReason;

    @Column(name = "restore_attempt")
    public Integer restoreAttempt;

    @Column(name = "restore_requested_at")
    public Instant restoreRequestedAt;

    @Column(name = "restored_attempt", nullable = false)
    public int restoredAttempt;

    @Column(name = "restore_failed", nullable = false)
    public boolean restoreFailed;

    @Column(name = "answered_attempt", nullable = false)
    public int answeredAttempt;

    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;

    /** When the executor registered the release's request (its own clock: "newer" means registered later). */
    @Column(name = "registered_at")
    public Instant registeredAt;

    /** Weight of the latest health.passed (the health monitor's HEALTHY verdict), or null. */
    @Column(name = "passed_weight")
    public Integer passedWeight;

    @Column(name = "passed_at")
    public Instant passedAt;

    /** When the new version's current exposure began. */
    @Column(name = "exposed_at")
    public Instant exposedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /**
     * Raised by every change (Hibernate's optimistic version): the poller records a Kubernetes outcome
     * only if the row is still at the version its lease left it at.
     */
    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "leased_until")
    public Instant leasedUntil;

    @Column(name = "preempted_owner")
    public String preemptedOwner;

    @Column(name = "preempted_until")
    public Instant preemptedUntil;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Lease lease() {
        return new Lease(leaseOwner, leasedUntil, preemptedOwner, preemptedUntil);
    }

    public void apply(Lease lease) {
        leaseOwner = lease.owner();
        leasedUntil = lease.until();
        preemptedOwner = lease.preemptedOwner();
        preemptedUntil = lease.preemptedUntil();
    }

    public RolloutState state() {
        Restore restore = restoreKind == null
                ? null
                : new Restore(
                        restoreKind, restoreReason, restoreAttempt == null ? 1 : restoreAttempt, restoreRequestedAt);
        return new RolloutState(
                status,
                stepIndex,
                stage,
                stepStartedAt,
                dueAt,
                deadlineAt,
                manualPause,
                promoteRequested,
                new Weights(canaryWeight, stableWeight),
                restore,
                restoredAttempt,
                restoreFailed,
                answeredAttempt,
                refusal,
                new Verdicts(passedWeight, passedAt, exposedAt));
    }

    public void apply(RolloutState state, Instant now) {
        status = state.status();
        stepIndex = state.stepIndex();
        stage = state.stage();
        stepStartedAt = state.stepStartedAt();
        dueAt = state.dueAt();
        deadlineAt = state.deadlineAt();
        manualPause = state.manualPause();
        promoteRequested = state.promoteRequested();
        canaryWeight = state.weights().canary();
        stableWeight = state.weights().stable();
        Restore restore = state.restore();
        restoreKind = restore == null ? null : restore.kind();
        restoreReason = restore == null ? null : restore.reason();
        restoreAttempt = restore == null ? null : restore.attempt();
        restoreRequestedAt = restore == null ? null : restore.requestedAt();
        restoredAttempt = state.restoredAttempt();
        restoreFailed = state.restoreFailed();
        answeredAttempt = state.answeredAttempt();
        refusal = state.refusal();
        passedWeight = state.verdicts().passedWeight();
        passedAt = state.verdicts().passedAt();
        exposedAt = state.verdicts().exposedAt();
        updatedAt = now;
    }
}
