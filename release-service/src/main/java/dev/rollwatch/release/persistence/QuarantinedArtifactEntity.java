package dev.rollwatch.release.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An image that was rolled back: releasing it again needs an explicit override. */
@Entity
@Table(name = "quarantined_artifact")
public class QuarantinedArtifactEntity {

    @Id
    public String image;

    @Column(name = "release_id", nullable = false)
    public String releaseId;

    @Column(columnDefinition = "text")
    public String reason;

    @Column(name = "quarantined_at", nullable = false)
    public Instant quarantinedAt;
}
