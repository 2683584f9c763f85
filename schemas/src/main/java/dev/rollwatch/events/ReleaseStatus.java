package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The latest status of a release, published to the compacted {@code release.status} topic on every
 * change, for dashboards.
 *
 * @param releaseId    the release
 * @param application  application
 * @param namespace    namespace
 * @param image        the new image
 * @param version      the new version label
 * @param strategy     canary, blueGreen or rolling
 * @param state        lifecycle state
 * @param currentStep  index of the last completed step, if any
 * @param stepCount    number of steps in the plan, once known
 * @param canaryWeight traffic percent on the new version
 * @param reason       why the state is what it is (failure message, rollback reason)
 * @param requestedAt  when CI asked
 * @param updatedAt    when this status was produced
 * @param lastEvent    CloudEvents type of the event that produced this status
 * @param watched      whether a metric source judges the release; false means nothing will roll it back
 *                     automatically (see {@link WatchCoverage})
 * @param unwatchedReason why no metric source judges it, when {@code watched} is false
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseStatus(
        String releaseId,
        String application,
        String namespace,
        String image,
        String version,
        Strategy.Type strategy,
        ReleaseState state,
        Integer currentStep,
        Integer stepCount,
        Integer canaryWeight,
        String reason,
        Instant requestedAt,
        Instant updatedAt,
        String lastEvent,
        Boolean watched,
        String unwatchedReason)
        implements ReleaseEvent {}
