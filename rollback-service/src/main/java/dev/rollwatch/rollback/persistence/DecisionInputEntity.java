package dev.rollwatch.rollback.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A degraded signal or abort command, and what became of it. */
@Entity
@Table(name = "decision_input")
public class DecisionInputEntity {

    public enum Kind {
        HEALTH_DEGRADED,
        ABORT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "release_id", nullable = false)
    public String releaseId;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String source;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** A {@code dev.rollwatch.rollback.domain.InputEffect}. */
    @Column(nullable = false)
    public String effect;

    @Column(nullable = false, columnDefinition = "text")
    public String note;

    @Column(name = "due_at")
    public Instant dueAt;

    /** The event payload as JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String data;
}
