package dev.rollwatch.executor.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An image the rollback-service quarantined after rolling it back. */
@Entity
@Table(name = "quarantined_artifact")
public class QuarantinedArtifactEntity {

    @Id
    public String image;

    @Column(name = "release_id", nullable = false)
    public String releaseId;

    @Column(name = "quarantined_at", nullable = false)
    public Instant quarantinedAt;

    @Column(columnDefinition = "text")
    public String message;
}
