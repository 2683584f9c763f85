package dev.rollwatch.healthmonitor.domain;

import java.time.Instant;

/**
 * Where a watch stands between windows: the current run of DEGRADED windows and of windows that
 * could not be judged. Persisted with the watch, so a restarted instance goes on counting.
 *
 * @param consecutiveDegraded DEGRADED windows in the current run
 * @param breachStartedAt     end of the first DEGRADED window of the run, or null
 * @param breachReported      whether health.degraded went out for the current run; cleared only by a
 *                            HEALTHY window, so one breach is reported once however long it lasts
 * @param unjudgedSince       end of the first window of the current run of UNKNOWN or
 *                            INSUFFICIENT_DATA windows, or null
 * @param warningRaised       whether health.warning went out for the current unjudged run
 */
public record WatchProgress(
        int consecutiveDegraded,
        Instant breachStartedAt,
        boolean breachReported,
        Instant unjudgedSince,
        boolean warningRaised) {

    public static final WatchProgress START = new WatchProgress(0, null, false, null, false);
}
