package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The health monitor judged the new version HEALTHY at its current exposure: at this canary weight,
 * every SLO is confidently met over the requests since the weight was set (each check's upper
 * confidence bound under its limit). Published once per weight. The executor starts no step that gives
 * a watched release's new version more traffic, or makes it permanent, before it holds one for the
 * weight in force: no step without a verdict.
 *
 * @param releaseId    the release
 * @param canaryWeight the weight the verdict holds for, as {@code step.completed} reported it
 * @param judgedAt     end of the window judged HEALTHY
 * @param sourceType   prometheus or scrape
 * @param evidence     every check with its statistic (confidence bound, counts)
 * @param summary      one line for people
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthPassed(
        String releaseId,
        int canaryWeight,
        Instant judgedAt,
        String sourceType,
        List<Evidence> evidence,
        String summary)
        implements ReleaseEvent {

    public HealthPassed {
        evidence = evidence == null ? null : List.copyOf(evidence);
    }
}
