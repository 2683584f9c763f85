package dev.rollwatch.rollback.persistence;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.rollback.domain.ReleaseFacts;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the service knows of each release. */
@ApplicationScoped
public class TrackedReleaseRepository implements PanacheRepositoryBase<TrackedReleaseEntity, String> {

    private static final List<String> FINISHED =
            ReleaseFacts.FINISHED.stream().map(Enum::name).toList();

    /** The facts of a release; {@link ReleaseFacts#unknown} when nothing was consumed about it yet. */
    public Uni<ReleaseFacts> facts(String releaseId) {
        return findById(releaseId).map(row -> row == null ? ReleaseFacts.unknown(releaseId) : toFacts(row));
    }

    /**
     * Releases of an artifact that are still running, neither overriding the quarantine nor already
     * flagged: they are flagged when the artifact is quarantined after they were requested.
     */
    public Uni<List<TrackedReleaseEntity>> runningUnflagged(String artifact, String exceptRelease) {
        return list(
                "artifact = :artifact and releaseId <> :except and quarantineOverride = false "
                        + "and quarantineFlaggedAt is null and (phase is null or phase not in :finished)",
                Parameters.with("artifact", artifact)
                        .and("except", exceptRelease)
                        .and("finished", FINISHED));
    }

    /** The facts of each of {@code releaseIds} whose request was consumed. */
    public Uni<Map<String, ReleaseFacts>> requested(Collection<String> releaseIds) {
        return list("releaseId in :ids and request is not null", Parameters.with("ids", releaseIds))
                .map(rows ->
                        rows.stream().collect(Collectors.toMap(r -> r.releaseId, TrackedReleaseRepository::toFacts)));
    }

    public static ReleaseFacts toFacts(TrackedReleaseEntity row) {
        return new ReleaseFacts(
                row.releaseId,
                row.request == null ? null : EventJson.read(row.request, ReleaseRequested.class),
                row.phase == null ? null : StepCompleted.Phase.valueOf(row.phase),
                row.stable == null ? null : EventJson.read(row.stable, StepCompleted.StableState.class));
    }

    /** Writes the executor-side facts (phase, stable state) onto the row. */
    public static void copyProgress(ReleaseFacts facts, TrackedReleaseEntity row) {
        row.phase = facts.phase() == null ? null : facts.phase().name();
        row.stable = facts.stable() == null ? null : EventJson.write(facts.stable());
    }

    public static String requestJson(ReleaseRequested request) {
        return EventJson.write(request);
    }
}
