package dev.rollwatch.rollback.persistence;

import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.RollbackPolicy;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.rollback.domain.Decision;
import dev.rollwatch.rollback.domain.DecisionStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Rollback decisions: one row per release. */
@ApplicationScoped
public class DecisionRepository implements PanacheRepositoryBase<DecisionEntity, String> {

    public Uni<Decision> load(String releaseId) {
        return findById(releaseId).map(DecisionRepository::toDomain);
    }

    /**
     * Writes the decision: a new row for a first decision (the primary key refuses a second one), or
     * the changed fields of the existing row (optimistically locked by its version).
     */
    public Uni<Void> save(Decision decision, Instant now) {
        return findById(decision.releaseId()).flatMap(existing -> {
            DecisionEntity row = existing != null ? existing : new DecisionEntity();
            copy(decision, row);
            row.updatedAt = now;
            return existing != null ? flush() : persist(row).replaceWithVoid();
        });
    }

    /** Releases whose manual-policy deadline has passed. */
    public Uni<List<String>> dueDeadlines(Instant now, int limit) {
        return find(
                        "status = :status and decisionDeadline <= :now order by decisionDeadline",
                        Parameters.with("status", DecisionStatus.RECOMMENDED.name())
                                .and("now", now))
                .page(0, limit)
                .project(ReleaseIdOnly.class)
                .list()
                .map(ReleaseIdOnly::ids);
    }

    /** Releases whose restore is due for a check. */
    public Uni<List<String>> dueChecks(Instant now, int limit) {
        return find("nextCheckAt <= :now order by nextCheckAt", Parameters.with("now", now))
                .page(0, limit)
                .project(ReleaseIdOnly.class)
                .list()
                .map(ReleaseIdOnly::ids);
    }

    static Decision toDomain(DecisionEntity row) {
        if (row == null) {
            return null;
        }
        return Decision.builder(row.releaseId)
                .status(DecisionStatus.valueOf(row.status))
                .policy(RollbackPolicy.valueOf(row.policy))
                .reason(row.reason == null ? null : RollbackTriggered.Reason.valueOf(row.reason))
                .causeEventId(row.causeEventId)
                .triggeredBy(row.triggeredBy)
                .evidence(row.evidence == null ? null : List.of(EventJson.read(row.evidence, Evidence[].class)))
                .summary(row.summary)
                .degradedAt(row.degradedAt)
                .decidedAt(row.decidedAt)
                .decisionDeadline(row.decisionDeadline)
                .triggeredAt(row.triggeredAt)
                .attempt(row.attempt)
                .lastTriggeredAt(row.lastTriggeredAt)
                .confirmedAt(row.confirmedAt)
                .executorReport(row.executorReport)
                .verifyDueAt(row.verifyDueAt)
                .nextCheckAt(row.nextCheckAt)
                .lastFinding(row.lastFinding)
                .verifiedAt(row.verifiedAt)
                .alertedAt(row.alertedAt)
                .giveUpAt(row.giveUpAt)
                .note(row.note)
                .supersededBy(row.supersededBy)
                .build();
    }

    private static void copy(Decision d, DecisionEntity row) {
        row.releaseId = d.releaseId();
        row.status = d.status().name();
        row.policy = d.policy().name();
        row.reason = d.reason() == null ? null : d.reason().name();
        row.causeEventId = d.causeEventId();
        row.triggeredBy = d.triggeredBy();
        row.evidence = d.evidence() == null ? null : EventJson.write(d.evidence());
        row.summary = d.summary();
        row.degradedAt = d.degradedAt();
        row.decidedAt = d.decidedAt();
        row.decisionDeadline = d.decisionDeadline();
        row.triggeredAt = d.triggeredAt();
        row.attempt = d.attempt();
        row.lastTriggeredAt = d.lastTriggeredAt();
        row.confirmedAt = d.confirmedAt();
        row.executorReport = d.executorReport();
        row.verifyDueAt = d.verifyDueAt();
        row.nextCheckAt = d.nextCheckAt();
        row.lastFinding = d.lastFinding();
        row.verifiedAt = d.verifiedAt();
        row.alertedAt = d.alertedAt();
        row.giveUpAt = d.giveUpAt();
        row.note = d.note();
        row.supersededBy = d.supersededBy();
    }
}
