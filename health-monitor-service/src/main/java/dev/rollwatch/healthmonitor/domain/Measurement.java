package dev.rollwatch.healthmonitor.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * One window's measurements of the new version and, when the source could reach it, of the stable
 * version as its baseline.
 *
 * @param windowStart start of the window
 * @param windowEnd   end of the window (the evaluation time)
 * @param window      the configured window length
 * @param canary      the new version
 * @param stable      the stable version, or null when there is none to compare with
 */
public record Measurement(
        Instant windowStart, Instant windowEnd, Duration window, TrackMeasurement canary, TrackMeasurement stable) {

    /** The whole window could not be measured (no source, no endpoints...). */
    public static Measurement failed(
            Instant now, Duration window, java.util.Map<Metric, String> queries, String error) {
        return new Measurement(
                now.minus(window), now, window, TrackMeasurement.failed(TrackMeasurement.CANARY, queries, error), null);
    }
}
