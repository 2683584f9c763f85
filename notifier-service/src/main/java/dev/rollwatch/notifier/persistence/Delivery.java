package dev.rollwatch.notifier.persistence;

import dev.rollwatch.notifier.domain.DeliveryKind;
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

/** One message for one target about one event, and how its delivery is going. */
@Entity
@Table(name = "delivery")
public class Delivery {

    public enum Status {
        /** Waiting to be sent (or being sent, while leased). */
        PENDING,
        SENT,
        /** Permanently failed and dead-lettered. */
        DEAD,
        /**
         * Sent without an answer, so it may or may not have taken effect; dead-lettered for people to
         * check instead of being repeated (it would create a second thread or incident).
         */
        UNCERTAIN,
        /** Nothing left to do (e.g. no parent message to update). */
        SKIPPED,
        /** A parent update a later update made pointless. */
        SUPERSEDED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "release_id", nullable = false)
    public String releaseId;

    /** The provider that planned it (slack, slack-webhook, statuspage, webhook). */
    @Column(nullable = false)
    public String channel;

    @Column(name = "target_key", nullable = false)
    public String targetKey;

    /** The target as JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String target;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryKind kind;

    @Column(name = "ordering_key", nullable = false)
    public String orderingKey;

    @Column(name = "rate_key")
    public String rateKey;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** When the target first answered this delivery with a rate limit; its total wait is bounded from here. */
    @Column(name = "rate_limited_since")
    public Instant rateLimitedSince;
}
