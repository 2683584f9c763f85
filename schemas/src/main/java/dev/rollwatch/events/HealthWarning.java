package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The health monitor has not been able to judge a release for too long: its metric source is down
 * or returns nothing (UNKNOWN), or there is too little traffic (INSUFFICIENT_DATA). Neither is a
 * breach; the monitor warns people and, when configured, asks the executor to hold, or aborts a
 * release that chose {@code slo.whenUnjudged: rollback}.
 *
 * @param releaseId     the release
 * @param verdict       UNKNOWN or INSUFFICIENT_DATA
 * @param since         when the verdicts started
 * @param detectedAt    when the warning was raised
 * @param sourceType    prometheus or scrape
 * @param message       what is wrong (e.g. the source error), for people
 * @param holdRequested whether the monitor asked the executor to pause the release
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthWarning(
        String releaseId,
        Verdict verdict,
        Instant since,
        Instant detectedAt,
        String sourceType,
        String message,
        boolean holdRequested)
        implements ReleaseEvent {

    public enum Verdict {
        UNKNOWN,
        INSUFFICIENT_DATA
    }
}
