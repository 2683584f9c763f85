package dev.rollwatch.healthmonitor.source;

import dev.rollwatch.events.Slo;
import dev.rollwatch.healthmonitor.domain.SloPolicy;

/**
 * What a metric source needs to measure one release.
 *
 * @param releaseId   the release
 * @param application the application (also its pods' app label)
 * @param namespace   its namespace
 * @param version     the new version's label, or null
 * @param source      where to measure (type, address, queries, endpoints)
 * @param policy      the resolved SLOs (window, interval)
 */
public record WatchTarget(String releaseId, String application, String namespace, String version,
        Slo.MetricSource source, SloPolicy policy) {
}
