package dev.rollwatch.rollback.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An artifact a release was rolled back for. */
@Entity
@Table(name = "quarantined_artifact")
public class QuarantinedArtifactEntity {

    /** Digest, or repository:tag (see {@code dev.rollwatch.rollback.domain.Artifact}). */
    @Id
    public String artifact;

    @Column(nullable = false)
    public String image;

    @Column(name = "release_id", nullable = false)
    public String releaseId;

    @Column(name = "quarantined_at", nullable = false)
    public Instant quarantinedAt;
}
