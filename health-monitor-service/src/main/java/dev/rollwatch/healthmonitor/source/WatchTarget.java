package dev.rollwatch.healthmonitor.source;

import dev.rollwatch.cluster.Marks;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.healthmonitor.domain.SloPolicy;
import dev.rollwatch.healthmonitor.domain.TrackMeasurement;
import java.time.Instant;

/**
 * What a metric source needs to measure one release.
 *
 * @param releaseId   the release
 * @param application the application (also its pods' app label)
 * @param namespace   its namespace
 * @param version     the new version's label, or null
 * @param strategy    canary, blue-green or rolling (which pods and series are the new version's)
 * @param source      where to measure (type, address, queries, endpoints)
 * @param policy      the resolved SLOs (window, interval)
 * @param judgedUntil end of the newest window already judged, or null: a source that can count what
 *                    happened since then reports it apart, so no request is counted twice
 */
public record WatchTarget(
        String releaseId,
        String application,
        String namespace,
        String version,
        Strategy.Type strategy,
        Slo.MetricSource source,
        SloPolicy policy,
        Instant judgedUntil) {

    /**
     * Values of the pods' track label ({@code rollwatch.dev/track}, set by the executor) that mark a
     * track, as a regular expression: the new version runs as {@code canary} pods, as {@code preview}
     * pods in a blue-green release, and as the Deployment's own pods (no track label) in a rolling
     * update; the stable version's pods carry no track label (or {@code stable}).
     */
    public String trackPattern(String track) {
        if (TrackMeasurement.STABLE.equals(track)) {
            return "stable|";
        }
        return switch (strategy == null ? Strategy.Type.CANARY : strategy) {
            case CANARY -> Marks.CANARY_TRACK;
            case BLUE_GREEN -> Marks.PREVIEW_TRACK + "|" + Marks.CANARY_TRACK;
            case ROLLING -> ".*";
        };
    }

    /** A rolling update replaces the pods of one Deployment in place: there is no stable track to compare with. */
    public boolean hasBaseline() {
        return strategy != Strategy.Type.ROLLING;
    }
}
