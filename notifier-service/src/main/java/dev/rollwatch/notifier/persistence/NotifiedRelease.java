package dev.rollwatch.notifier.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A release the notifier knows. Facts, targets and view are JSON of the domain records. */
@Entity
@Table(name = "notified_release")
public class NotifiedRelease {

    @Id
    @Column(name = "release_id")
    public String releaseId;

    @Column(nullable = false, columnDefinition = "text")
    public String facts;

    @Column(nullable = false, columnDefinition = "text")
    public String targets;

    @Column(name = "view_state", nullable = false, columnDefinition = "text")
    public String view;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
