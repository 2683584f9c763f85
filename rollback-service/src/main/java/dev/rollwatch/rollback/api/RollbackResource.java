package dev.rollwatch.rollback.api;

import dev.rollwatch.eventing.quarantine.Quarantines;
import dev.rollwatch.rollback.persistence.DecisionInputRepository;
import dev.rollwatch.rollback.persistence.DecisionRepository;
import dev.rollwatch.rollback.persistence.TrackedReleaseRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Read-only view of what the rollback-service decided and why, for operators and dashboards: a
 * release's decision with every signal and abort it received, and the quarantined artifacts. Changes
 * only ever come from events.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RollbackResource {

    private final TrackedReleaseRepository releases;
    private final DecisionRepository decisions;
    private final DecisionInputRepository inputs;
    private final Quarantines quarantine;

    RollbackResource(
            TrackedReleaseRepository releases,
            DecisionRepository decisions,
            DecisionInputRepository inputs,
            Quarantines quarantine) {
        this.releases = releases;
        this.decisions = decisions;
        this.inputs = inputs;
        this.quarantine = quarantine;
    }

    @GET
    @Path("/rollbacks/{releaseId}")
    @WithSession
    public Uni<RollbackViews.Rollback> rollback(@PathParam("releaseId") String releaseId) {
        return releases.findById(releaseId)
                .chain(release -> decisions
                        .findById(releaseId)
                        .chain(decision -> inputs.ofRelease(releaseId).map(received -> {
                            if (release == null && decision == null && received.isEmpty()) {
                                throw new NotFoundException("Nothing is known about release " + releaseId);
                            }
                            return RollbackViews.rollback(releaseId, release, decision, received);
                        })));
    }

    @GET
    @Path("/quarantine")
    @WithSession
    public Uni<List<RollbackViews.Quarantined>> quarantined() {
        return quarantine
                .all()
                .map(rows -> rows.stream().map(RollbackViews::quarantined).toList());
    }
}
