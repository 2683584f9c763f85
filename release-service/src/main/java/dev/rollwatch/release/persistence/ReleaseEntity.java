package dev.rollwatch.release.persistence;

import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.Strategy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A release row. The request itself is kept whole as JSON; the columns are what queries need. */
@Entity
@Table(name = "release")
public class ReleaseEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public String application;

    @Column(nullable = false)
    public String namespace;

    @Column(nullable = false)
    public String image;

    public String version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Strategy.Type strategy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReleaseState state;

    @Column(name = "current_step")
    public Integer currentStep;

    @Column(name = "step_count")
    public Integer stepCount;

    @Column(name = "canary_weight")
    public Integer canaryWeight;

    @Column(columnDefinition = "text")
    public String reason;

    /** The release.requested payload as JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String request;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "commit_time")
    public Instant commitTime;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "degraded_at")
    public Instant degradedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Why no metric source judges the release; null when one does. */
    @Column(name = "unwatched_reason", columnDefinition = "text")
    public String unwatchedReason;

    /** The latest health.degraded payload as JSON. */
    @Column(name = "last_health", columnDefinition = "text")
    public String lastHealth;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;
}
