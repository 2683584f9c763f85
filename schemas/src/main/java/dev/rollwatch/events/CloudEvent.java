package dev.rollwatch.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event. On Kafka it travels in binary mode: the attributes are {@code ce_*}
 * headers, {@link #data()} is the JSON record value and the record key is {@link #subject()}, the
 * release id.
 *
 * @param id      unique per event; consumers use it as the idempotency key
 * @param type    {@code dev.rollwatch.<topic>.v<version>}
 * @param source  the producing service (or CI system)
 * @param time    when the fact happened
 * @param subject the release id
 * @param data    the payload record
 */
public record CloudEvent<T>(UUID id, String type, String source, Instant time, String subject, T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
    }

    /** A new event with a fresh id, typed after its payload. */
    public static <T extends ReleaseEvent> CloudEvent<T> of(String source, Instant time, T data) {
        EventType type = EventType.forPayload(data.getClass());
        return new CloudEvent<>(UUID.randomUUID(), type.ceType(), source, time, data.releaseId(), data);
    }

    public EventType eventType() {
        return EventType.fromCeType(type).orElseThrow(() -> new IllegalStateException("Unknown event type " + type));
    }

    public String topic() {
        return eventType().topic();
    }
}
