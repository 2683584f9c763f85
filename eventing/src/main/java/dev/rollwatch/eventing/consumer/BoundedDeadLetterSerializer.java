package dev.rollwatch.eventing.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a dead letter's value, cut to {@link #MAX_VALUE_BYTES}. Consumers read values as text, so a
 * record of arbitrary bytes comes back up to three times larger (each invalid byte becomes U+FFFD):
 * a record the broker took can then make a dead letter it refuses, and a dead letter that cannot be
 * written stops the consumer for good. A cut value keeps its first bytes and says so in the
 * {@value #TRUNCATED_HEADER} header (the original size); the original record stays on its topic.
 */
public final class BoundedDeadLetterSerializer implements Serializer<Object> {

    /** Well under the producer's 1 MiB request limit, leaving room for the headers. */
    public static final int MAX_VALUE_BYTES = 512 * 1024;

    public static final String TRUNCATED_HEADER = "rollwatch-dead-letter-truncated-from";

    @Override
    public byte[] serialize(String topic, Object data) {
        return bounded(bytesOf(data));
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        byte[] bytes = bytesOf(data);
        if (bytes != null && bytes.length > MAX_VALUE_BYTES && headers != null) {
            headers.add(TRUNCATED_HEADER, Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
        }
        return bounded(bytes);
    }

    private static byte[] bytesOf(Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof byte[] bytes) {
            return bytes;
        }
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bounded(byte[] bytes) {
        return bytes == null || bytes.length <= MAX_VALUE_BYTES ? bytes : Arrays.copyOf(bytes, MAX_VALUE_BYTES);
    }
}
