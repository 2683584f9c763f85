package dev.rollwatch.healthmonitor.source;

import dev.rollwatch.healthmonitor.domain.Measurement;
import io.smallrye.mutiny.Uni;
import java.time.Instant;

/**
 * Where measurements come from: one implementation per package, chosen by
 * {@link MetricSources#forType(String)}. A source never fails its Uni for a measurement problem: an
 * unreachable server, a bad query or an empty result comes back as a measurement saying so, and the
 * judge turns it into UNKNOWN.
 */
public interface MetricSource {

    /** The type name releases use: prometheus, scrape, or none. */
    String type();

    /** Measures the canary (and the stable baseline where it can) over the window ending at {@code now}. */
    Uni<Measurement> measure(WatchTarget target, Instant now);

    /** The release is no longer watched: drop whatever was kept for it, in the caller's transaction. */
    default Uni<Void> forget(String releaseId) {
        return Uni.createFrom().voidItem();
    }
}
