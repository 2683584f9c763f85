package dev.rollwatch.release.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One entry of a release's history (audit trail). */
@Entity
@Table(name = "release_event")
public class ReleaseEventEntity {

    /** What the event did; PENDING waits for its release to be registered. */
    public enum Effect {
        APPLIED,
        NOTED,
        IGNORED,
        PENDING
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "release_id", nullable = false)
    public String releaseId;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "ce_type", nullable = false)
    public String ceType;

    @Column(nullable = false)
    public String source;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Effect effect;

    @Column(name = "state_after")
    public String stateAfter;

    @Column(columnDefinition = "text")
    public String note;

    /** The event payload as JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String data;
}
