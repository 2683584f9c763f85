package dev.rollwatch.healthmonitor.source.none;

import dev.rollwatch.healthmonitor.domain.Measurement;
import dev.rollwatch.healthmonitor.source.MetricSource;
import dev.rollwatch.healthmonitor.source.WatchTarget;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Map;

/**
 * No metric source configured: nothing can be measured, which is UNKNOWN, never HEALTHY. Releases
 * without a source are not scheduled for evaluation at all; this is what the factory answers for
 * "none" so that nobody has to check for null. Not a CDI bean: the factory adds it itself, so no
 * other provider can take its place.
 */
public final class NoMetricSource implements MetricSource {

    /** Stored in {@code watch.source_type} and {@code window_verdict.source_type}: never change it. */
    public static final String TYPE = "none";

    public static final NoMetricSource INSTANCE = new NoMetricSource();

    private NoMetricSource() {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Uni<Measurement> measure(WatchTarget target, Instant now) {
        return Uni.createFrom()
                .item(Measurement.failed(
                        now, target.policy().window(), Map.of(), "no metric source configured for this release"));
    }
}
