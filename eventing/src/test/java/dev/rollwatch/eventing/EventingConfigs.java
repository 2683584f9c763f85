package dev.rollwatch.eventing;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * The real {@link EventingConfig} mapping, built by SmallRye Config without booting Quarkus, so unit
 * tests run with the library's declared defaults rather than a hand-written copy of them.
 */
public final class EventingConfigs {

    /** What the application name is in these tests; the default event source follows it. */
    public static final String APPLICATION = "test-service";

    private EventingConfigs() {}

    /** The defaults, overridden by {@code properties} (full names, e.g. {@code rollwatch.eventing.source}). */
    public static EventingConfig with(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                // Expands ${quarkus.application.name} in the source's default, as Quarkus does.
                .addDefaultInterceptors()
                .withMapping(EventingConfig.class)
                // Quarkus' duration format ("100ms", "5s"), which the defaults are written in.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValue("quarkus.application.name", APPLICATION)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(EventingConfig.class);
    }

    public static EventingConfig defaults() {
        return with(Map.of());
    }
}
