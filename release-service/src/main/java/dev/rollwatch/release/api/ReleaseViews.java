package dev.rollwatch.release.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.release.persistence.ReleaseEntity;
import dev.rollwatch.release.persistence.ReleaseEventEntity;
import dev.rollwatch.release.service.Releases;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the API answers about releases. */
public final class ReleaseViews {

    private ReleaseViews() {}

    /**
     * A release in a list.
     *
     * @param releaseId    id
     * @param application  application
     * @param namespace    namespace
     * @param image        new image
     * @param version      new version
     * @param strategy     strategy type
     * @param state        lifecycle state
     * @param currentStep  last completed step
     * @param stepCount    steps in the plan
     * @param canaryWeight traffic percent on the new version
     * @param reason       why it is in this state
     * @param watched      whether a metric source judges it; false: nothing rolls it back automatically
     * @param unwatchedReason why no metric source judges it, when {@code watched} is false
     * @param requestedBy  the API key or CI system that asked
     * @param requestedAt  when
     * @param updatedAt    last change
     * @param finishedAt   when it ended
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(
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
            boolean watched,
            String unwatchedReason,
            String requestedBy,
            Instant requestedAt,
            Instant updatedAt,
            Instant finishedAt) {

        static Summary of(ReleaseEntity r) {
            return new Summary(
                    r.id,
                    r.application,
                    r.namespace,
                    r.image,
                    r.version,
                    r.strategy,
                    r.state,
                    r.currentStep,
                    r.stepCount,
                    r.canaryWeight,
                    r.reason,
                    Releases.isWatched(r),
                    r.unwatchedReason,
                    r.requestedBy,
                    r.requestedAt,
                    r.updatedAt,
                    r.finishedAt);
        }
    }

    /**
     * A release with its request, last health evidence and complete history.
     *
     * @param release    the summary
     * @param request    the release request as registered
     * @param lastHealth the latest health evidence, if any
     * @param history    every event about the release, oldest first
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(
            Summary release, ReleaseRequested request, HealthDegraded lastHealth, List<HistoryEntry> history) {

        static Detail of(ReleaseEntity r, List<ReleaseEventEntity> history) {
            return new Detail(
                    Summary.of(r),
                    Releases.requestOf(r),
                    Releases.progressOf(r).lastHealth(),
                    history.stream().map(HistoryEntry::of).toList());
        }
    }

    /**
     * One event in a release's history.
     *
     * @param seq        order of arrival
     * @param eventId    the CloudEvents id
     * @param type       the CloudEvents type
     * @param source     the service (or CI system) that published it
     * @param occurredAt when it happened
     * @param recordedAt when the release-service recorded it
     * @param effect     APPLIED, NOTED, IGNORED (did not fit the state) or PENDING
     * @param stateAfter the release's state after it
     * @param note       what it did
     * @param data       the event payload
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryEntry(
            long seq,
            UUID eventId,
            String type,
            String source,
            Instant occurredAt,
            Instant recordedAt,
            ReleaseEventEntity.Effect effect,
            String stateAfter,
            String note,
            @JsonRawValue String data) {

        static HistoryEntry of(ReleaseEventEntity e) {
            return new HistoryEntry(
                    e.seq,
                    e.eventId,
                    e.ceType,
                    e.source,
                    e.occurredAt,
                    e.recordedAt,
                    e.effect,
                    e.stateAfter,
                    e.note,
                    e.data);
        }
    }

    /**
     * A page of releases.
     *
     * @param items releases, newest first
     * @param page  page number, from 0
     * @param size  page size
     * @param total releases matching the filters
     */
    public record Page(List<Summary> items, int page, int size, long total) {}

    /**
     * A command accepted for delivery.
     *
     * @param releaseId the release
     * @param command   pause, resume, promote or abort
     * @param commandId the CloudEvents id of the command
     */
    public record CommandAccepted(String releaseId, String command, UUID commandId) {}
}
