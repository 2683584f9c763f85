package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The new version broke its SLOs for {@link #consecutiveWindows()} windows in a row. One event per
 * breach, never one per window.
 *
 * @param releaseId          the release
 * @param detectedAt         when the breach was decided
 * @param breachStartedAt    end of the first DEGRADED window of the breach
 * @param consecutiveWindows DEGRADED windows in a row
 * @param canaryWeight       traffic percent on the new version when it was detected
 * @param sourceType         metric source that measured it (prometheus, scrape)
 * @param evidence           the measurements that broke the SLOs
 * @param summary            one line for people
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthDegraded(
        String releaseId,
        Instant detectedAt,
        Instant breachStartedAt,
        int consecutiveWindows,
        Integer canaryWeight,
        String sourceType,
        List<Evidence> evidence,
        String summary)
        implements ReleaseEvent {

    public HealthDegraded {
        evidence = evidence == null ? null : List.copyOf(evidence);
    }
}
