package dev.rollwatch.eventing.consumer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A valid event whose handler kept failing, or one waiting behind such an event of its release: the record
 * as it arrived (so a replay delivers it again), why it is here and when it is tried next. Rows are created
 * and resolved with SQL ({@link ParkedEvents}); the entity only reads them.
 */
@Entity
@Table(name = "parked_events")
public class ParkedEvent {

    @Id
    Long id;

    @Column(name = "event_id")
    UUID eventId;

    String topic;

    String channel;

    @Column(name = "record_key")
    String recordKey;

    @Column(name = "event_type")
    String eventType;

    /** The record's headers as a JSON object. */
    @Column(columnDefinition = "text")
    String headers;

    @Column(columnDefinition = "text")
    String payload;

    @Column(name = "source_partition")
    int sourcePartition;

    @Column(name = "source_offset")
    long sourceOffset;

    @Column(name = "parked_at")
    Instant parkedAt;

    @Column(columnDefinition = "text")
    String failure;

    int attempts;

    @Column(name = "next_attempt_at")
    Instant nextAttemptAt;

    @Column(name = "resolved_at")
    Instant resolvedAt;

    String resolution;

    // Every column is mapped: Hibernate Reactive cannot read a native query's row with an unmapped column.
    @Column(name = "resolution_note", columnDefinition = "text")
    String resolutionNote;

    protected ParkedEvent() {}

    public long id() {
        return id;
    }

    public UUID eventId() {
        return eventId;
    }

    public String topic() {
        return topic;
    }

    public String recordKey() {
        return recordKey;
    }

    public int attempts() {
        return attempts;
    }

    public String failure() {
        return failure;
    }
}
