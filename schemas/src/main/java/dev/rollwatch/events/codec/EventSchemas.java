package dev.rollwatch.events.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.rollwatch.events.EventType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schemas of every event type, loaded once from the classpath. Validation takes the event
 * in CloudEvents structured form, so one schema covers the envelope and the payload.
 */
public final class EventSchemas {

    private static final String BASE_URI = "https://rollwatch.dev/schemas/";
    private static final EventSchemas INSTANCE = new EventSchemas();

    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    private EventSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE_URI, "classpath:schemas/")));
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (EventType type : EventType.values()) {
            String file = type.schemaResource().substring("schemas/".length());
            schemas.put(type, factory.getSchema(SchemaLocation.of(BASE_URI + file), config));
        }
    }

    public static EventSchemas instance() {
        return INSTANCE;
    }

    /**
     * Violations of the event's schema, each naming the JSON pointer of the offending value
     * (e.g. {@code /data/strategy/canary/steps/0/setWeight: string found, integer expected}); empty when valid.
     */
    public List<String> violations(EventType type, JsonNode structuredEvent) {
        Set<ValidationMessage> messages = schemas.get(type).validate(structuredEvent);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
