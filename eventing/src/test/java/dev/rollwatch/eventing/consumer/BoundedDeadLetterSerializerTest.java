package dev.rollwatch.eventing.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class BoundedDeadLetterSerializerTest {

    private final BoundedDeadLetterSerializer serializer = new BoundedDeadLetterSerializer();

    @Test
    void randomBytesTheBrokerTookStillMakeADeadLetterTheBrokerTakes() {
        byte[] original = new byte[1_046_528];
        new Random(7).nextBytes(original);
        // What a consumer reading text hands to the dead-letter queue: about three times larger.
        String asRead = new StringDeserializer().deserialize("release.requested", original);
        assertThat(asRead.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1024 * 1024);
        RecordHeaders headers = new RecordHeaders();

        byte[] deadLetter = serializer.serialize("release.requested.dlq", headers, asRead);

        assertThat(deadLetter).hasSize(BoundedDeadLetterSerializer.MAX_VALUE_BYTES);
        assertThat(new String(
                        headers.lastHeader(BoundedDeadLetterSerializer.TRUNCATED_HEADER)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo(Integer.toString(asRead.getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void anOrdinaryDeadLetterIsWrittenWholeAndUnmarked() {
        RecordHeaders headers = new RecordHeaders();

        byte[] deadLetter = serializer.serialize("step.completed.dlq", headers, "{\"releaseId\":\"rel-1\"}");

        assertThat(new String(deadLetter, StandardCharsets.UTF_8)).isEqualTo("{\"releaseId\":\"rel-1\"}");
        assertThat(headers.lastHeader(BoundedDeadLetterSerializer.TRUNCATED_HEADER))
                .isNull();
        assertThat(serializer.serialize("step.completed.dlq", headers, null)).isNull();
    }
}
