package dev.rollwatch.eventing.consumer;

import dev.rollwatch.events.EventType;
import dev.rollwatch.events.codec.CloudEventHeaders;
import java.util.Map;

/**
 * Why a record went to its dead-letter topic, as the {@code reason_class} of
 * {@code rollwatch_events_dead_lettered_total}: few enough values to alert on, the exact reason stays in
 * the dead letter's {@code dead-letter-reason} header.
 */
enum DeadLetterReason {
    /** Not a valid event: headers, JSON, schema, key. Its producer is broken or hostile. */
    INVALID("invalid"),
    /** A well-formed record of a type or version this service does not know: a producer upgraded first. */
    UNKNOWN_TYPE("unknown-type"),
    /** A valid event the handler refused for good (it breaks the release rules, say). */
    REFUSED("refused"),
    /** A valid event whose handler failed and that could not be parked either: the last resort. */
    UNPARKABLE("unparkable");

    final String tag;

    DeadLetterReason(String tag) {
        this.tag = tag;
    }

    /** The class of a record that could not be decoded, from its headers. */
    static DeadLetterReason ofUndecodable(Map<String, String> headers) {
        String type = headers.get(CloudEventHeaders.TYPE);
        return type != null && !type.isBlank() && EventType.fromCeType(type).isEmpty() ? UNKNOWN_TYPE : INVALID;
    }
}
