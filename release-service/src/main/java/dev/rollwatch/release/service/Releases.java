package dev.rollwatch.release.service;

import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.ReleaseStatus;
import dev.rollwatch.events.WatchCoverage;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.validation.ImageReference;
import dev.rollwatch.release.domain.ReleaseProgress;
import dev.rollwatch.release.persistence.ReleaseEntity;
import java.time.Instant;

/** Maps between release rows, the domain's progress and the published status. */
public final class Releases {

    private Releases() {}

    static ReleaseEntity newEntity(ReleaseRequested request, WatchCoverage coverage, Instant now) {
        ReleaseEntity entity = new ReleaseEntity();
        entity.id = request.releaseId();
        entity.application = request.application();
        entity.namespace = request.namespace();
        entity.image = request.image();
        entity.version = request.version() != null
                ? request.version()
                : ImageReference.parse(request.image())
                        .map(ImageReference::defaultVersion)
                        .orElse(null);
        entity.strategy = request.strategy().type();
        entity.request = toJson(request);
        entity.requestedBy =
                request.requestedBy() == null ? null : request.requestedBy().actor();
        entity.commitTime =
                request.requestedBy() == null ? null : request.requestedBy().commitTime();
        entity.requestedAt = request.requestedAt();
        entity.updatedAt = now;
        entity.unwatchedReason = coverage.reason();
        apply(entity, ReleaseProgress.pending());
        return entity;
    }

    public static ReleaseProgress progressOf(ReleaseEntity entity) {
        return new ReleaseProgress(
                entity.state,
                entity.currentStep,
                entity.stepCount,
                entity.canaryWeight,
                entity.reason,
                entity.degradedAt,
                entity.finishedAt,
                entity.lastHealth == null ? null : fromJson(entity.lastHealth, HealthDegraded.class));
    }

    static void apply(ReleaseEntity entity, ReleaseProgress progress) {
        entity.state = progress.state();
        entity.currentStep = progress.currentStep();
        entity.stepCount = progress.stepCount();
        entity.canaryWeight = progress.canaryWeight();
        entity.reason = progress.reason();
        entity.degradedAt = progress.degradedAt();
        entity.finishedAt = progress.finishedAt();
        entity.lastHealth = progress.lastHealth() == null ? null : toJson(progress.lastHealth());
    }

    /** Whether a metric source judges the release: if not, nothing rolls it back automatically. */
    public static boolean isWatched(ReleaseEntity entity) {
        return entity.unwatchedReason == null;
    }

    public static ReleaseRequested requestOf(ReleaseEntity entity) {
        return fromJson(entity.request, ReleaseRequested.class);
    }

    static ReleaseStatus statusOf(ReleaseEntity entity, String lastEventType) {
        return new ReleaseStatus(
                entity.id,
                entity.application,
                entity.namespace,
                entity.image,
                entity.version,
                entity.strategy,
                entity.state,
                entity.currentStep,
                entity.stepCount,
                entity.canaryWeight,
                entity.reason,
                entity.requestedAt,
                entity.updatedAt,
                lastEventType,
                isWatched(entity),
                entity.unwatchedReason);
    }

    static String toJson(Object value) {
        return EventJson.write(value);
    }

    static <T> T fromJson(String json, Class<T> type) {
        return EventJson.read(json, type);
    }
}
