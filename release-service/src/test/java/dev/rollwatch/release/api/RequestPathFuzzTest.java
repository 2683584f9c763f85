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

    @Test
    void theLargestRequestTheRulesAcceptFitsOneKafkaRecord() {
        // Every bounded field at its bound, free text made of characters JSON escapes to six bytes.
        String escaped = "\u0001".repeat(1024);
        List<String> endpoints = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> url("http://10.0.0." + i + ":9090/"))
                .toList();
        java.util.Map<String, String> options = new java.util.HashMap<>();
        java.util.stream.IntStream.range(0, 16)
                .forEach(i -> options.put(("o" + i).repeat(32).substring(0, 63), escaped));
        List<dev.rollwatch.events.NotificationTarget> targets = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> new dev.rollwatch.events.NotificationTarget(
                        dev.rollwatch.events.NotificationTarget.Type.WEBHOOK,
                        "#" + "c".repeat(79),
                        "p".repeat(128),
                        "q".repeat(128),
                        url("https://hooks.example.com/")))
                .toList();
        ReleaseRequested largest = dev.rollwatch.events.fixtures.ReleaseRequestBuilder.canary()
                .trafficRouter(new dev.rollwatch.events.TrafficRouter(
                        dev.rollwatch.events.TrafficRouter.Type.ISTIO, null, null, null, options))
                .slo(new dev.rollwatch.events.Slo(
                        0.05,
                        2000.0,
                        null,
                        null,
                        100,
                        "10s",
                        "10s",
                        3,
                        new dev.rollwatch.events.Slo.MetricSource(
                                dev.rollwatch.events.Slo.MetricSource.Type.SCRAPE, null, null, endpoints, endpoints)))
                .notifications(targets)
                .requestedBy(new ReleaseRequested.Requester(
                        "a".repeat(128), escaped.substring(0, 256), "f".repeat(64), NOW, url("https://github.com/")))
                .build();

        assertThat(ReleaseValidator.validate(largest, NOW)).isEmpty();
        int size = codec.encode(EventFixtures.event("release-service", largest))
                .payload()
                .getBytes(StandardCharsets.UTF_8)
                .length;
        assertThat(size).isGreaterThan(500_000).isLessThan(KAFKA_MAX_REQUEST_SIZE - RECORD_OVERHEAD);
    }

    /** A URL of exactly the longest length the rules take. */
    private static String url(String prefix) {
        return prefix + "a".repeat(2048 - prefix.length());
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
