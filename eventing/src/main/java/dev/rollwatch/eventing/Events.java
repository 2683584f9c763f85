package dev.rollwatch.eventing;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Creates this service's CloudEvents: a fresh id, this service as source, the clock's time. */
@ApplicationScoped
public class Events {

    private final EventingConfig config;
    private final Clock clock;

    Events(EventingConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public <T extends ReleaseEvent> CloudEvent<T> create(T data) {
        return CloudEvent.of(config.source(), clock.instant(), data);
    }
}
