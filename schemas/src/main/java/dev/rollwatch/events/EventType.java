package dev.rollwatch.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type Rollwatch knows: its topic, its CloudEvents {@code type}, its payload record and
 * the JSON Schema that validates it. The version is part of the CloudEvents type, so a consumer that
 * meets a version it does not know rejects the record instead of guessing.
 */
public enum EventType {
    RELEASE_REQUESTED(Topics.RELEASE_REQUESTED, ReleaseRequested.class),
    STEP_COMPLETED(Topics.STEP_COMPLETED, StepCompleted.class),
    HEALTH_DEGRADED(Topics.HEALTH_DEGRADED, HealthDegraded.class),
    ROLLBACK_TRIGGERED(Topics.ROLLBACK_TRIGGERED, RollbackTriggered.class),
    RELEASE_STATUS(Topics.RELEASE_STATUS, ReleaseStatus.class),
    RELEASE_COMMAND(Topics.RELEASE_COMMANDS, ReleaseCommand.class),
    HEALTH_WARNING(Topics.HEALTH_WARNING, HealthWarning.class),
    ROLLBACK_NOTICE(Topics.ROLLBACK_NOTICE, RollbackNotice.class),
    HEALTH_PASSED(Topics.HEALTH_PASSED, HealthPassed.class);

    public static final int VERSION = 1;
    private static final String PREFIX = "dev.rollwatch.";

    private final String topic;
    private final Class<?> payloadType;

    EventType(String topic, Class<?> payloadType) {
        this.topic = topic;
        this.payloadType = payloadType;
    }

    public String topic() {
        return topic;
    }

    public Class<?> payloadType() {
        return payloadType;
    }

    /** The CloudEvents {@code type} attribute, e.g. {@code dev.rollwatch.release.requested.v1}. */
    public String ceType() {
        return PREFIX + topic + ".v" + VERSION;
    }

    /** Classpath location of the JSON Schema that validates the whole event in structured form. */
    public String schemaResource() {
        return "schemas/" + topic + ".v" + VERSION + ".schema.json";
    }

    public static Optional<EventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType().equals(ceType)).findFirst();
    }

    public static EventType forPayload(Class<?> payloadType) {
        return Arrays.stream(values())
                .filter(t -> t.payloadType.equals(payloadType))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No event type carries " + payloadType.getName()));
    }

    public static EventType forTopic(String topic) {
        return Arrays.stream(values())
                .filter(t -> t.topic.equals(topic))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No event type is published on " + topic));
    }
}
