package dev.rollwatch.benchmarks.rollback;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One faulty-canary run: when the fault began and when each part of the closed loop reacted.
 *
 * @param run               1-based number within its variant
 * @param warmup            not counted in the figures
 * @param releaseId         the release
 * @param image             its (healthy-tagged) image
 * @param faultAt           the canary started failing (fault injected into a canary that was healthy)
 * @param firstDegradedAt   the health monitor judged the first window DEGRADED (its verdict's time);
 *                          the rest of detection is the further bad windows a breach needs
 * @param degradedAt        {@code health.degraded} ce_time
 * @param triggeredAt       {@code rollback.triggered} ce_time
 * @param zeroTrafficAt     the Kubernetes API announced the canary Deployment at 0 replicas (0% traffic)
 * @param rollbackStepAt    the executor's {@code step.completed} (rollback) ce_time
 * @param restoreVerifiedAt the rollback-service's {@code rollback.notice} restoreVerified ce_time: it
 *                          read the cluster and found the stable version ready with all the traffic
 * @param outcome           the release's final state from the API
 * @param evidence          the breached measurements in {@code health.degraded}
 * @param firstDegradedMs   fault to the first DEGRADED window
 * @param detectionMs       fault to health.degraded
 * @param decisionMs        health.degraded to rollback.triggered
 * @param actionMs          rollback.triggered to 0% traffic on the API
 * @param timeToRollbackMs  fault to 0% traffic on the API
 * @param verificationMs    0% traffic to the restore verified by the rollback-service
 * @param error             why the run could not be measured, if it could not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollbackRun(
        int run,
        boolean warmup,
        String releaseId,
        String image,
        Instant faultAt,
        Instant firstDegradedAt,
        Instant degradedAt,
        Instant triggeredAt,
        Instant zeroTrafficAt,
        Instant rollbackStepAt,
        Instant restoreVerifiedAt,
        String outcome,
        List<String> evidence,
        Double firstDegradedMs,
        Double detectionMs,
        Double decisionMs,
        Double actionMs,
        Double timeToRollbackMs,
        Double verificationMs,
        String error) {

    static RollbackRun measured(
            int run,
            boolean warmup,
            String releaseId,
            String image,
            Instant faultAt,
            Instant firstDegradedAt,
            Instant degradedAt,
            Instant triggeredAt,
            Instant zeroTrafficAt,
            Instant rollbackStepAt,
            Instant restoreVerifiedAt,
            String outcome,
            List<String> evidence) {
        return new RollbackRun(
                run,
                warmup,
                releaseId,
                image,
                faultAt,
                firstDegradedAt,
                degradedAt,
                triggeredAt,
                zeroTrafficAt,
                rollbackStepAt,
                restoreVerifiedAt,
                outcome,
                evidence,
                millis(faultAt, firstDegradedAt),
                millis(faultAt, degradedAt),
                millis(degradedAt, triggeredAt),
                millis(triggeredAt, zeroTrafficAt),
                millis(faultAt, zeroTrafficAt),
                millis(zeroTrafficAt, restoreVerifiedAt),
                null);
    }

    static RollbackRun failed(int run, boolean warmup, String releaseId, String image, Instant faultAt, String error) {
        return new RollbackRun(
                run, warmup, releaseId, image, faultAt, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, error);
    }

    public boolean counted() {
        return !warmup && error == null;
    }

    static Double millis(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toNanos() / 1e6;
    }
}
