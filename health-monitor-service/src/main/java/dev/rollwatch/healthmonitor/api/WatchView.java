package dev.rollwatch.healthmonitor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A watch as people and dashboards see it.
 *
 * @param releaseId           the release
 * @param state               AWAITING_REQUEST, WAITING_FOR_TRAFFIC, WATCHING or ENDED
 * @param application         the application
 * @param namespace           its namespace
 * @param sourceType          prometheus, scrape or none
 * @param canaryWeight        traffic percent on the new version
 * @param slo                 the SLOs in force
 * @param consecutiveDegraded DEGRADED windows in the current run
 * @param breaches            breaches reported so far
 * @param lastVerdict         the latest window's verdict
 * @param lastReason          and why
 * @param evaluations         windows judged so far
 * @param nextDueAt           when the next window is judged
 * @param lastEvaluatedAt     when the latest window was judged
 * @param watchingSince       when the new version first took traffic under this watch
 * @param endedAt             when the watch ended
 * @param endReason           why the watch ended
 * @param preSwitchBaseline   the previous version measured before a blue-green switch or rolling update,
 *                            which the new version is compared with; null for a canary or until measured
 * @param verdicts            the latest windows, newest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatchView(
        String releaseId,
        String state,
        String application,
        String namespace,
        String sourceType,
        Integer canaryWeight,
        Slo slo,
        int consecutiveDegraded,
        int breaches,
        String lastVerdict,
        String lastReason,
        long evaluations,
        Instant nextDueAt,
        Instant lastEvaluatedAt,
        Instant watchingSince,
        Instant endedAt,
        String endReason,
        Baseline preSwitchBaseline,
        List<Window> verdicts) {

    /**
     * The previous version over the window before the switch.
     *
     * @param requests   its requests in the window
     * @param errorRate  their failed share
     * @param p95Ms      their 95th percentile latency, null without a histogram
     * @param windowStart start of the window
     * @param windowEnd   end of the window
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Baseline(long requests, Double errorRate, Double p95Ms, Instant windowStart, Instant windowEnd) {}

    /**
     * The SLOs in force, as resolved when the release was requested; the pod-health limits are null on
     * watches from before releases could set them (the installation's apply).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Slo(
            Double maxErrorRate,
            Double maxP95LatencyMs,
            Double maxP99LatencyMs,
            Double maxRegressionRatio,
            Integer minRequestsPerWindow,
            Long intervalMs,
            Long windowMs,
            Integer consecutiveFailures,
            Integer maxPodFailures,
            Long podFailureWindowMs) {}

    /** One window's verdict with its evidence. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Window(
            Instant evaluatedAt,
            Instant windowStart,
            Instant windowEnd,
            String verdict,
            long samples,
            Integer canaryWeight,
            String reason,
            JsonNode evidence) {}
}
