package dev.rollwatch.rollback.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A release as the rollback-service knows it; the request and stable state are kept as JSON. */
@Entity
@Table(name = "tracked_release")
public class TrackedReleaseEntity {

    @Id
    @Column(name = "release_id")
    public String releaseId;

    /** The release.requested payload as JSON; null until it has been consumed. */
    @Column(columnDefinition = "text")
    public String request;

    public String image;

    public String artifact;

    @Column(name = "quarantine_override", nullable = false)
    public boolean quarantineOverride;

    @Column(name = "quarantine_flagged_at")
    public Instant quarantineFlaggedAt;

    public String phase;

    /** The executor's latest stable state as JSON. */
    @Column(columnDefinition = "text")
    public String stable;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;
}
