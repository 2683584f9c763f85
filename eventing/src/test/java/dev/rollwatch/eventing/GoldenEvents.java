package dev.rollwatch.eventing;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.EventType;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.codec.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One valid event of each type: the contract's golden example, as the schemas jar ships it. Taken per
 * {@link EventType} rather than listed by hand, so a new type is covered the day it is added (the schemas
 * module's contract test makes every type have an example).
 */
public final class GoldenEvents {

    private static final EventCodec CODEC = new EventCodec();

    private GoldenEvents() {}

    public static CloudEvent<ReleaseEvent> of(EventType type) {
        String resource = "/examples/" + type.topic() + ".v" + EventType.VERSION + ".json";
        try (InputStream in = GoldenEvents.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No golden example " + resource + " for " + type);
            }
            return CODEC.decodeStructured(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
