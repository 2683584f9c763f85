package dev.rollwatch.release.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.EventType;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.codec.EncodedEvent;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.codec.EventSchemas;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.validation.FieldError;
import dev.rollwatch.events.validation.ReleaseValidator;
import dev.rollwatch.release.fuzz.RequestMutator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The API's request path in plain Java, fed thousands of generated bodies: the strict JSON reading,
 * the request as an event, the release rules, and for an accepted request the event as Kafka gets it.
 * Whatever the body, it is either refused naming a field, or it becomes an event its schema accepts
 * and Kafka takes in one record. The same generator drives the running API in {@code ReleaseApiAbuseIT}.
 */
class RequestPathFuzzTest {

    /** Kafka's default {@code max.request.size}: the largest record a producer sends. */
    private static final int KAFKA_MAX_REQUEST_SIZE = 1024 * 1024;
    /** Headroom for the record's key, CloudEvents headers and batch framing. */
    private static final int RECORD_OVERHEAD = 4 * 1024;

    private static final long SEED = Long.getLong("rollwatch.fuzz.seed", 20261207L);
    private static final int CASES = Integer.getInteger("rollwatch.fuzz.cases", 1500);
    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");

    private final ObjectMapper api = StrictJson.configure(EventJson.mapper().copy());
    private final EventCodec codec = new EventCodec();

    @Test
    void everyBodyIsRefusedNamingAFieldOrBecomesAPublishableEvent() {
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            RequestMutator.Case generated = new RequestMutator(SEED + i).next();
            if (outcome(generated)) {
                accepted++;
            }
        }
        // The generator must reach the rules and past them, not only the parser.
        assertThat(accepted).as("accepted bodies").isGreaterThan(CASES / 10);
    }

    /** True when the body was accepted. */
    private boolean outcome(RequestMutator.Case generated) {
        NewRelease body;
        try {
            body = api.readValue(generated.json(), NewRelease.class);
        } catch (JsonProcessingException e) {
            assertThat(JsonPaths.of(e)).as("field named for %s", generated).isNotBlank();
            return false;
        }
        if (body == null) {
            return false;
        }
        String id =
                body.releaseId() != null ? body.releaseId() : UUID.randomUUID().toString();
        ReleaseRequested request = body.toEvent(id, "fuzz-key", NOW);
        List<FieldError> errors = ReleaseValidator.validate(request, NOW);
        if (!errors.isEmpty()) {
            assertThat(errors)
                    .as("fields of %s", generated)
                    .allSatisfy(error -> assertThat(error.field()).isNotBlank());
            return false;
        }
        CloudEvent<ReleaseRequested> event = EventFixtures.event("release-service", request);
        assertThat(EventSchemas.instance().violations(EventType.RELEASE_REQUESTED, codec.structured(event)))
                .as("schema violations of accepted %s", generated)
                .isEmpty();
        EncodedEvent encoded = codec.encode(event);
        int size = encoded.payload().getBytes(StandardCharsets.UTF_8).length;
        assertThat(size).as("record size of %s", generated).isLessThan(KAFKA_MAX_REQUEST_SIZE - RECORD_OVERHEAD);
        return true;
    }
}
