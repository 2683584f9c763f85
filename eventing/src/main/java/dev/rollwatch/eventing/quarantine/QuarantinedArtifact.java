package dev.rollwatch.eventing.quarantine;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An artifact the rollback-service rolled back and quarantined: a new release of it is refused unless it
 * overrides the quarantine. The rollback-service decides; the release-service and the executor keep a
 * projection of its {@code rollback.notice} so each can refuse on its own. One definition, the same
 * columns in each of the three schemas (table {@code quarantined_artifact}).
 */
@Entity
@Table(name = "quarantined_artifact")
public class QuarantinedArtifact {

    /** The artifact's identity: its digest when it has one, else repository:tag (same digest, other tag: same artifact). */
    @Id
    public String artifact;

    /** The image reference as it was released and rolled back. */
    @Column(nullable = false)
    public String image;

    /** The release whose rollback quarantined it (the first one: a later one never replaces it). */
    @Column(name = "release_id", nullable = false)
    public String releaseId;

    /** Why, for the refusal's message; null when the notice gave none. */
    @Column(columnDefinition = "text")
    public String reason;

    @Column(name = "quarantined_at", nullable = false)
    public Instant quarantinedAt;
}
