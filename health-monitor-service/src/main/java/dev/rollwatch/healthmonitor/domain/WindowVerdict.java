package dev.rollwatch.healthmonitor.domain;

import dev.rollwatch.events.Evidence;
import java.time.Instant;
import java.util.List;

/**
 * The verdict on one window and why.
 *
 * @param verdict     HEALTHY, DEGRADED, INSUFFICIENT_DATA or UNKNOWN
 * @param windowStart start of the window
 * @param windowEnd   end of the window
 * @param samples     canary requests in the window
 * @param evidence    every check made, with what was observed and held against what
 * @param breaches    the checks that failed (empty unless DEGRADED)
 * @param reason      one line for people: what broke, or why the window could not be judged
 */
public record WindowVerdict(
        Verdict verdict,
        Instant windowStart,
        Instant windowEnd,
        long samples,
        List<Evidence> evidence,
        List<Evidence> breaches,
        String reason) {

    public WindowVerdict {
        evidence = List.copyOf(evidence);
        breaches = List.copyOf(breaches);
    }

    /**
     * Whether this window comes after the last one judged. Verdicts must be counted in window order:
     * an evaluation that took longer than the interval can finish after the next one, and counting
     * its older window then would put a stale verdict into the run of consecutive windows.
     *
     * @param lastJudgedEnd end of the newest window already judged, or null when none was
     */
    public boolean follows(Instant lastJudgedEnd) {
        return lastJudgedEnd == null || windowEnd.isAfter(lastJudgedEnd);
    }
}
