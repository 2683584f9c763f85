package dev.rollwatch.local;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A Kafka record's headers as the CloudEvents codec reads them, for tools that tail the topics. */
public final class RecordHeaders {

    private RecordHeaders() {}

    /** Header names to UTF-8 values; a header without a value is left out (the codec then names it missing). */
    public static Map<String, String> of(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }
}
