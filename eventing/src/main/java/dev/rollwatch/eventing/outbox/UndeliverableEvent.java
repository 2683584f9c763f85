package dev.rollwatch.eventing.outbox;

import java.util.UUID;

/**
 * An outbox event Kafka refused for good (too large for the broker, say): it is marked failed and never
 * sent again, and the events after it under the same key go out without it.
 *
 * @param type the event's CloudEvents type, or null when its stored headers could not be read
 * @param reason why it can never be published, for people (no payload content)
 */
public record UndeliverableEvent(UUID eventId, String topic, String recordKey, String type, String reason) {}
