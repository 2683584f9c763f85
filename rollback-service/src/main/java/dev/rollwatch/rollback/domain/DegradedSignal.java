package dev.rollwatch.rollback.domain;

import dev.rollwatch.events.Evidence;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@code health.degraded} event as the decision sees it.
 *
 * @param eventId      its {@code ce_id}
 * @param detectedAt   when the monitor decided the breach
 * @param receivedAt   when this service first recorded it (grace periods count from here)
 * @param canaryWeight traffic on the new version at detection, if reported
 * @param evidence     the measurements that broke the SLOs
 * @param summary      one line for people, if the monitor wrote one
 * @param windows      consecutive DEGRADED windows
 */
public record DegradedSignal(
        UUID eventId,
        Instant detectedAt,
        Instant receivedAt,
        Integer canaryWeight,
        List<Evidence> evidence,
        String summary,
        int windows) {

    public DegradedSignal {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** What broke, for people. */
    public String describe() {
        return summary != null && !summary.isBlank() ? summary : "SLOs broken for " + windows + " consecutive windows";
    }

    /**
     * When the breach was detected, for the detection-to-rollback time: the monitor's own time
     * unless it lies in this service's future (clock skew), then the receipt.
     */
    public Instant detectedOrReceived() {
        return detectedAt == null || detectedAt.isAfter(receivedAt) ? receivedAt : detectedAt;
    }
}
