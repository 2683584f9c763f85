package dev.rollwatch.rollback.api;

import dev.rollwatch.eventing.quarantine.Quarantines;
import dev.rollwatch.rollback.persistence.DecisionInputRepository;
import dev.rollwatch.rollback.persistence.DecisionRepository;
import dev.rollwatch.rollback.persistence.TrackedReleaseEntity;
import dev.rollwatch.rollback.persistence.TrackedReleaseRepository;
import dev.rollwatch.security.NamespaceAccess;
import dev.rollwatch.security.Role;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Read-only view of what the rollback-service decided and why, for operators and dashboards: a
 * release's decision with every signal and abort it received, and the quarantined artifacts. Changes
 * only ever come from events. Every call needs an API key with the viewer role (the release-service's
 * keys, {@code rollwatch.auth.keys.*}), and shows only the namespaces the key covers.
 *
 * <p>A release's namespace is the one its {@code release.requested} named. Until that request has
 * arrived (signals and steps can come first) the namespace is not known, and the release is shown only
 * to keys for every namespace: nothing shows that a namespaced key covers it.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEWER_NAME)
public class RollbackResource {

    private final TrackedReleaseRepository releases;
    private final DecisionRepository decisions;
    private final DecisionInputRepository inputs;
    private final Quarantines quarantine;
    private final NamespaceAccess access;
    private final SecurityIdentity identity;

    RollbackResource(
            TrackedReleaseRepository releases,
            DecisionRepository decisions,
            DecisionInputRepository inputs,
            Quarantines quarantine,
            NamespaceAccess access,
            SecurityIdentity identity) {
        this.releases = releases;
        this.decisions = decisions;
        this.inputs = inputs;
        this.quarantine = quarantine;
        this.access = access;
        this.identity = identity;
    }

    /** A release's decision; another namespace's answers exactly as an unknown release, so ids do not leak. */
    @GET
    @Path("/rollbacks/{releaseId}")
    @WithSession
    public Uni<RollbackViews.Rollback> rollback(@PathParam("releaseId") String releaseId) {
        return releases.findById(releaseId)
                .chain(release -> decisions
                        .findById(releaseId)
                        .chain(decision -> inputs.ofRelease(releaseId).map(received -> {
                            if ((release == null && decision == null && received.isEmpty())
                                    || !access.allows(identity, namespace(release))) {
                                throw new NotFoundException("Nothing is known about release " + releaseId);
                            }
                            return RollbackViews.rollback(releaseId, release, decision, received);
                        })));
    }

    /**
     * The quarantined artifacts whose quarantining release is in a namespace the key covers. The
     * quarantine itself holds every namespace's releases of the artifact; the list shows a team only
     * the incidents of its own namespaces.
     */
    @GET
    @Path("/quarantine")
    @WithSession
    public Uni<List<RollbackViews.Quarantined>> quarantined() {
        Set<String> visible = access.visible(identity);
        if (visible != null && visible.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return quarantine
                .all()
                .chain(rows -> {
                    if (visible == null) {
                        return Uni.createFrom().item(rows);
                    }
                    Set<String> ids = rows.stream().map(row -> row.releaseId).collect(Collectors.toSet());
                    return ids.isEmpty()
                            ? Uni.createFrom().item(rows)
                            : releases.requested(ids)
                                    .map(known -> rows.stream()
                                            .filter(row -> known.containsKey(row.releaseId)
                                                    && access.allows(
                                                            identity,
                                                            known.get(row.releaseId)
                                                                    .request()
                                                                    .namespace()))
                                            .toList());
                })
                .map(rows -> rows.stream().map(RollbackViews::quarantined).toList());
    }

    /** The namespace the release's request named; null while the request has not arrived. */
    private static String namespace(TrackedReleaseEntity release) {
        return release == null || release.request == null
                ? null
                : TrackedReleaseRepository.toFacts(release).request().namespace();
    }
}
