package dev.rollwatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.codec.EncodedEvent;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.codec.EventSchemas;
import dev.rollwatch.events.codec.MalformedEventException;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract: every record's serialized form and every golden example validate against the schema
 * of their type, and the known-bad examples are rejected for the right reason.
 */
class EventContractTest {

    private static final Path EXAMPLES = Path.of("examples");
    /** 2000 and 2000.0 are the same number to every JSON reader. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE =
            (a, b) -> a.isNumber() && b.isNumber() ? Double.compare(a.asDouble(), b.asDouble()) : a.equals(b) ? 0 : 1;

    private final EventCodec codec = new EventCodec();

    static Stream<Arguments> everyRecord() {
        String id = "rel-contract-1";
        return Stream.of(
                Arguments.of(ReleaseRequestBuilder.canary().releaseId(id).build()),
                Arguments.of(ReleaseRequestBuilder.blueGreen().releaseId(id).build()),
                Arguments.of(ReleaseRequestBuilder.rolling().releaseId(id).build()),
                Arguments.of(
                        ReleaseRequestBuilder.canary().releaseId(id).unwatched().build()),
                Arguments.of(ReleaseRequestBuilder.canary()
                        .releaseId(id)
                        .whenUnjudged(Slo.WhenUnjudged.PROCEED)
                        .build()),
                Arguments.of(ReleaseRequestBuilder.blueGreen()
                        .releaseId(id)
                        .whenUnjudged(Slo.WhenUnjudged.ROLLBACK)
                        .podHealth(5, "5m")
                        .build()),
                Arguments.of(EventFixtures.weightSet(id, 0, 4, 10)),
                Arguments.of(EventFixtures.promoted(id, 4)),
                Arguments.of(EventFixtures.stepFailed(id, 0, 4, "canary not ready within 5m")),
                Arguments.of(EventFixtures.rolledBack(id, 4)),
                Arguments.of(EventFixtures.healthDegraded(id)),
                Arguments.of(EventFixtures.rollbackTriggered(id, RollbackTriggered.Reason.HEALTH_DEGRADED)),
                Arguments.of(EventFixtures.rollbackTriggered(id, RollbackTriggered.Reason.MANUAL_ABORT)),
                Arguments.of(EventFixtures.status(id, ReleaseState.PROGRESSING)),
                Arguments.of(EventFixtures.command(id, ReleaseCommand.Command.ABORT)),
                Arguments.of(EventFixtures.healthWarning(id)),
                Arguments.of(EventFixtures.healthPassed(id, 25)),
                Arguments.of(EventFixtures.rollbackNotice(id, RollbackNotice.Kind.RESTORE_VERIFIED)));
    }

    @ParameterizedTest
    @MethodSource("everyRecord")
    void everyRecordSerializesToItsSchemaAndRoundTrips(ReleaseEvent data) {
        CloudEvent<ReleaseEvent> event = EventFixtures.event("contract-test", data);

        List<String> violations = EventSchemas.instance().violations(event.eventType(), codec.structured(event));
        assertThat(violations).isEmpty();

        EncodedEvent encoded = codec.encode(event);
        CloudEvent<ReleaseEvent> decoded =
                codec.decode(encoded.topic(), encoded.key(), encoded.headers(), encoded.payload());
        assertThat(decoded).isEqualTo(event);
        assertThat(encoded.key()).isEqualTo(data.releaseId());
        assertThat(encoded.headers())
                .containsEntry("ce_type", "dev.rollwatch." + encoded.topic() + ".v1")
                .containsEntry("ce_subject", data.releaseId())
                .containsEntry("ce_id", event.id().toString());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeHasAGoldenExampleThatValidates(EventType type) throws IOException {
        Path example = EXAMPLES.resolve(type.topic() + ".v1.json");
        assertThat(example).exists();

        CloudEvent<ReleaseEvent> event = codec.decodeStructured(Files.readString(example));

        assertThat(event.eventType()).isEqualTo(type);
        assertThat(event.data()).isInstanceOf(type.payloadType());
        // What the records write back must be what the example says: no field lost in mapping.
        JsonNode original = EventJson.mapper().readTree(example.toFile()).get("data");
        JsonNode written = codec.structured(event).get("data");
        assertThat(written.equals(NUMBERS_BY_VALUE, original))
                .as("%s%nwritten back as%n%s", original, written)
                .isTrue();
    }

    @Test
    void anExplicitlyUnwatchedReleaseRequestIsAValidContract() throws IOException {
        Path example = EXAMPLES.resolve("release.requested.unwatched.v1.json");

        CloudEvent<ReleaseEvent> event = codec.decodeStructured(Files.readString(example));

        ReleaseRequested request = (ReleaseRequested) event.data();
        assertThat(request.slo().metricSource().type()).isEqualTo(Slo.MetricSource.Type.NONE);
        assertThat(WatchCoverage.of(request.slo(), Slo.MetricSource.Type.SCRAPE))
                .isEqualTo(WatchCoverage.UNWATCHED_BY_REQUEST);
        JsonNode original = EventJson.mapper().readTree(example.toFile()).get("data");
        assertThat(codec.structured(event).get("data")).isEqualTo(original);
    }

    @Test
    void aRollbackStepCarriesTheExecutorsAnswer() throws IOException {
        Path example = EXAMPLES.resolve("step.completed.rollback-too-late.v1.json");

        CloudEvent<ReleaseEvent> event = codec.decodeStructured(Files.readString(example));

        StepCompleted step = (StepCompleted) event.data();
        assertThat(step.rollback()).isEqualTo(StepCompleted.RollbackAnswer.TOO_LATE);
        JsonNode original = EventJson.mapper().readTree(example.toFile()).get("data");
        assertThat(codec.structured(event).get("data").equals(NUMBERS_BY_VALUE, original))
                .isTrue();
    }

    static Stream<Arguments> knownBadExamples() {
        return Stream.of(
                Arguments.of("release.requested.missing-image.json", "required property 'image'"),
                Arguments.of("release.requested.weight-not-a-number.json", "/data/strategy/canary/steps/0/setWeight"),
                Arguments.of("release.requested.unknown-version.json", "unknown event type or version"),
                Arguments.of("release.requested.namespace-not-dns-label.json", "/data/namespace"),
                Arguments.of("release.requested.none-source-with-address.json", "/data/slo/metricSource/address"),
                Arguments.of("release.requested.none-source-when-unjudged.json", "/data/slo/whenUnjudged"),
                Arguments.of("release.requested.pod-health-no-failures.json", "/data/slo/podHealth/maxFailures"),
                Arguments.of("step.completed.missing-phase.json", "required property 'phase'"),
                Arguments.of("step.completed.failed-without-message.json", "required property 'message'"),
                Arguments.of("step.completed.rollback-answer-on-a-weight-step.json", "/data/action"),
                Arguments.of("health.degraded.without-evidence.json", "/data/evidence: must have at least 1"),
                Arguments.of("health.degraded.observed-not-a-number.json", "/data/evidence/0/observed"),
                Arguments.of("rollback.triggered.third-attempt.json", "/data/attempt"),
                Arguments.of("rollback.triggered.degraded-without-evidence.json", "required property 'evidence'"),
                Arguments.of("release.status.unknown-state.json", "/data/state"),
                Arguments.of("release.status.missing-id.json", "required property 'id'"),
                Arguments.of("release.commands.unknown-command.json", "/data/command"),
                Arguments.of("release.commands.time-not-rfc3339.json", "/time"),
                Arguments.of("health.warning.degraded-is-not-a-warning.json", "/data/verdict"),
                Arguments.of("health.passed.judged-by-no-source.json", "/data/sourceType"),
                Arguments.of("rollback.notice.quarantine-without-image.json", "required property 'image'"));
    }

    @ParameterizedTest
    @MethodSource("knownBadExamples")
    void knownBadExamplesAreRejectedWithTheReason(String file, String reasonMentions) throws IOException {
        String json = Files.readString(EXAMPLES.resolve("invalid").resolve(file));

        assertThatThrownBy(() -> codec.decodeStructured(json))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(reasonMentions);
    }

    @Test
    void everyKnownBadExampleIsCoveredByATest() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES.resolve("invalid"))) {
            List<String> covered =
                    knownBadExamples().map(a -> (String) a.get()[0]).toList();
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(covered::contains);
        }
    }

    @Test
    void binaryRecordWithAnUnknownVersionIsRejected() {
        EncodedEvent encoded = codec.encode(EventFixtures.event("t", EventFixtures.weightSet("r-1", 0, 4, 10)));
        Map<String, String> headers = new java.util.HashMap<>(encoded.headers());
        headers.put("ce_type", "dev.rollwatch.step.completed.v2");

        assertThatThrownBy(() -> codec.decode(encoded.topic(), encoded.key(), headers, encoded.payload()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("unknown event type or version 'dev.rollwatch.step.completed.v2'");
    }

    @Test
    void binaryRecordWithoutAnIdIsRejected() {
        EncodedEvent encoded = codec.encode(EventFixtures.event("t", EventFixtures.weightSet("r-1", 0, 4, 10)));
        Map<String, String> headers = new java.util.HashMap<>(encoded.headers());
        headers.remove("ce_id");

        assertThatThrownBy(() -> codec.decode(encoded.topic(), encoded.key(), headers, encoded.payload()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("missing CloudEvents header ce_id");
    }

    @Test
    void recordWithoutAKeyIsRejected() {
        EncodedEvent encoded = codec.encode(EventFixtures.event("t", EventFixtures.weightSet("r-1", 0, 4, 10)));

        assertThatThrownBy(() -> codec.decode(encoded.topic(), null, encoded.headers(), encoded.payload()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("record key missing");
    }

    @Test
    void recordOnTheWrongTopicIsRejected() {
        EncodedEvent encoded = codec.encode(EventFixtures.event("t", EventFixtures.weightSet("r-1", 0, 4, 10)));

        assertThatThrownBy(
                        () -> codec.decode(Topics.HEALTH_DEGRADED, encoded.key(), encoded.headers(), encoded.payload()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("does not belong on topic health.degraded");
    }

    @Test
    void recordKeyMustBeTheReleaseId() {
        EncodedEvent encoded = codec.encode(EventFixtures.event("t", EventFixtures.weightSet("r-1", 0, 4, 10)));

        assertThatThrownBy(() -> codec.decode(encoded.topic(), "r-2", encoded.headers(), encoded.payload()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("record key 'r-2' differs");
    }

    @Test
    void payloadThatIsNotJsonIsRejected() {
        EncodedEvent encoded = codec.encode(EventFixtures.event("t", EventFixtures.weightSet("r-1", 0, 4, 10)));

        assertThatThrownBy(() -> codec.decode(encoded.topic(), encoded.key(), encoded.headers(), "{not json"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("payload is not JSON");
    }

    @Test
    void producerCannotEncodeAnEventItsSchemaRejects() {
        StepCompleted failedWithoutReason = new StepCompleted(
                "r-1",
                0,
                4,
                StepCompleted.Action.SET_WEIGHT,
                StepCompleted.Outcome.FAILED,
                StepCompleted.Phase.FAILED,
                Weights.ALL_STABLE,
                null,
                EventFixtures.T0,
                null,
                null);

        assertThatThrownBy(() -> codec.encode(EventFixtures.event("t", failedWithoutReason)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("required property 'message'");
    }

    @Test
    void asyncApiDocumentDescribesEveryTopicAndItsDeadLetterTopic() throws IOException {
        ObjectNode asyncApi = (ObjectNode) new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(Path.of("asyncapi.yaml").toFile());
        List<String> addresses = asyncApi.get("channels").properties().stream()
                .map(e -> e.getValue().get("address").asText())
                .toList();

        List<String> topics =
                Arrays.stream(EventType.values()).map(EventType::topic).toList();
        assertThat(addresses).containsAll(topics).contains("{topic}.dlq");
        List<String> deadLettered = java.util.stream.StreamSupport.stream(
                        asyncApi.at("/channels/deadLetters/parameters/topic/enum")
                                .spliterator(),
                        false)
                .map(JsonNode::asText)
                .toList();
        assertThat(deadLettered).as("the topics {topic}.dlq exists for").containsAll(topics);
        asyncApi.get("components").get("messages").properties().stream()
                .filter(e -> e.getValue().has("payload"))
                .forEach(e -> {
                    String ref = e.getValue().get("payload").get("$ref").asText();
                    assertThat(Path.of(ref.substring(0, ref.indexOf('#'))))
                            .as(e.getKey())
                            .exists();
                });
    }
}
