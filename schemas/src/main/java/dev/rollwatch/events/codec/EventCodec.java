package dev.rollwatch.events.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.EventType;
import dev.rollwatch.events.ReleaseEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns events into Kafka records (CloudEvents binary mode) and back. Decoding is strict: anything
 * that is not a valid event of a known type and version is a {@link MalformedEventException} whose
 * message says exactly what is wrong, for the dead-letter headers.
 */
public final class EventCodec {

    private final ObjectMapper mapper;
    private final EventSchemas schemas;

    public EventCodec() {
        this(EventJson.mapper());
    }

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.schemas = EventSchemas.instance();
    }

    /** Encodes and validates; a producer can never publish an event its own schema rejects. */
    public EncodedEvent encode(CloudEvent<?> event) {
        EventType type = typeOf(event.type());
        ObjectNode structured = structured(event);
        List<String> violations = schemas.violations(type, structured);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("Event " + event.type() + " for " + event.subject()
                    + " violates its schema: " + String.join("; ", violations));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEvent.SPEC_VERSION);
        headers.put(CloudEventHeaders.ID, event.id().toString());
        headers.put(CloudEventHeaders.TYPE, event.type());
        headers.put(CloudEventHeaders.SOURCE, event.source());
        headers.put(CloudEventHeaders.TIME, event.time().toString());
        headers.put(CloudEventHeaders.SUBJECT, event.subject());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEvent.CONTENT_TYPE);
        return new EncodedEvent(
                type.topic(), event.subject(), headers, structured.get("data").toString());
    }

    /** The event in CloudEvents structured JSON form (as in the golden examples). */
    public ObjectNode structured(CloudEvent<?> event) {
        ObjectNode node = mapper.createObjectNode();
        node.put("specversion", CloudEvent.SPEC_VERSION);
        node.put("id", event.id().toString());
        node.put("type", event.type());
        node.put("source", event.source());
        node.put("time", event.time().toString());
        node.put("subject", event.subject());
        node.put("datacontenttype", CloudEvent.CONTENT_TYPE);
        node.set("data", mapper.valueToTree(event.data()));
        return node;
    }

    /**
     * Decodes a Kafka record.
     *
     * @param topic   the topic it arrived on; an event of another topic's type is rejected
     * @param key     the record key; must be the release id (it decides the partition, hence the order)
     * @param headers the record's headers (last value of each)
     * @param payload the record value
     */
    public CloudEvent<ReleaseEvent> decode(String topic, String key, Map<String, String> headers, String payload) {
        if (key == null) {
            throw new MalformedEventException("record key missing: it must be the release id, or the events of one "
                    + "release land on different partitions and lose their order");
        }
        String specVersion = required(headers, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEvent.SPEC_VERSION.equals(specVersion)) {
            throw new MalformedEventException("unsupported CloudEvents specversion '" + specVersion + "'");
        }
        EventType type = typeOf(required(headers, CloudEventHeaders.TYPE));
        if (topic != null && !type.topic().equals(topic)) {
            throw new MalformedEventException("event type " + type.ceType() + " does not belong on topic " + topic);
        }
        if (payload == null || payload.isBlank()) {
            throw new MalformedEventException("empty payload");
        }
        JsonNode data;
        try {
            data = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("payload is not JSON: " + e.getOriginalMessage());
        }
        ObjectNode structured = mapper.createObjectNode();
        structured.put("specversion", specVersion);
        structured.put("id", required(headers, CloudEventHeaders.ID));
        structured.put("type", type.ceType());
        structured.put("source", required(headers, CloudEventHeaders.SOURCE));
        structured.put("time", required(headers, CloudEventHeaders.TIME));
        structured.put("subject", required(headers, CloudEventHeaders.SUBJECT));
        structured.set("data", data);
        return fromStructured(type, structured, key);
    }

    /** Decodes an event given in structured JSON form (golden examples, HTTP webhooks). */
    public CloudEvent<ReleaseEvent> decodeStructured(String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("event is not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedEventException("event is not a JSON object");
        }
        JsonNode typeNode = object.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new MalformedEventException("missing CloudEvents attribute 'type'");
        }
        return fromStructured(typeOf(typeNode.asText()), object, null);
    }

    private CloudEvent<ReleaseEvent> fromStructured(EventType type, ObjectNode structured, String key) {
        List<String> violations = schemas.violations(type, structured);
        if (!violations.isEmpty()) {
            throw new MalformedEventException(
                    "schema " + type.ceType() + " rejects the event: " + String.join("; ", violations));
        }
        ReleaseEvent data;
        try {
            data = (ReleaseEvent) mapper.treeToValue(structured.get("data"), type.payloadType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("payload does not map to " + type.ceType() + ": " + e.getMessage());
        }
        String subject = structured.get("subject").asText();
        if (!subject.equals(data.releaseId())) {
            throw new MalformedEventException(
                    "ce_subject '" + subject + "' differs from data.releaseId '" + data.releaseId() + "'");
        }
        if (key != null && !key.equals(subject)) { // structured events (examples, webhooks) have no key
            throw new MalformedEventException("record key '" + key + "' differs from ce_subject '" + subject + "'");
        }
        return new CloudEvent<>(
                parseId(structured.get("id").asText()),
                type.ceType(),
                structured.get("source").asText(),
                parseTime(structured.get("time").asText()),
                subject,
                data);
    }

    private static EventType typeOf(String ceType) {
        return EventType.fromCeType(ceType)
                .orElseThrow(() -> new MalformedEventException("unknown event type or version '" + ceType + "'"));
    }

    private static String required(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("missing CloudEvents header " + name);
        }
        return value;
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("ce_id '" + id + "' is not a UUID");
        }
    }

    private static Instant parseTime(String time) {
        try {
            return java.time.OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("ce_time '" + time + "' is not an RFC 3339 timestamp");
        }
    }
}
