package dev.rollwatch.events.codec;

import java.util.Map;

/**
 * An event ready for Kafka in binary mode.
 *
 * @param topic   destination topic
 * @param key     record key: the release id
 * @param headers CloudEvents headers
 * @param payload JSON value
 */
public record EncodedEvent(String topic, String key, Map<String, String> headers, String payload) {

    public EncodedEvent {
        headers = Map.copyOf(headers);
    }
}
