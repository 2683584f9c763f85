package dev.rollwatch.eventing.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One event waiting to be (or already) published. */
@Entity
@Table(name = "outbox")
public class OutboxEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    UUID eventId;

    @Column(nullable = false)
    String topic;

    @Column(name = "record_key", nullable = false)
    String recordKey;

    /** CloudEvents headers as a JSON object. */
    @Column(nullable = false, columnDefinition = "text")
    String headers;

    @Column(nullable = false, columnDefinition = "text")
    String payload;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "published_at")
    Instant publishedAt;

    /** When Kafka refused the event for good; it is never sent again. */
    @Column(name = "failed_at")
    Instant failedAt;

    /** Why it can never be published. */
    @Column
    String failure;

    /** When the service's reaction to the failed event committed; until then it is tried again. */
    @Column(name = "reacted_at")
    Instant reactedAt;

    protected OutboxEntry() {}

    OutboxEntry(UUID eventId, String topic, String recordKey, String headers, String payload, Instant createdAt) {
        this.eventId = eventId;
        this.topic = topic;
        this.recordKey = recordKey;
        this.headers = headers;
        this.payload = payload;
        this.createdAt = createdAt;
    }
}
