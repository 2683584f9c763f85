package dev.rollwatch.events.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of Rollwatch events: ISO-8601 timestamps, absent optional fields left out,
 * and unknown fields tolerated on read so a newer producer adding a field does not break an older
 * consumer (the schema, not the mapper, decides what is acceptable).
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private EventJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes a value the event mapping can write (records, maps); a failure is a programming error. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(
                    "Could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads JSON this code wrote (stored state); unreadable JSON there is a programming error. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored " + type.getSimpleName() + " is not readable", e);
        }
    }

    /** How an enum constant of the contract is written in events, e.g. {@code setWeight} for SET_WEIGHT. */
    public static String nameOf(Enum<?> constant) {
        return MAPPER.convertValue(constant, String.class);
    }

    /** Applies the event mapping to an existing mapper (e.g. the one a framework manages). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
