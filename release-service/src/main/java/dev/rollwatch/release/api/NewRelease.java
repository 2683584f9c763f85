package dev.rollwatch.release.api;

import dev.rollwatch.events.NotificationTarget;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackPolicy;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/v1/releases}: a {@code release.requested} without what the server
 * decides (the request time and, unless the client chose one, the release id). Field meanings are
 * those of {@link ReleaseRequested}.
 */
public record NewRelease(
        String releaseId,
        String application,
        String namespace,
        String image,
        String version,
        ReleaseRequested.Target target,
        Strategy strategy,
        TrafficRouter trafficRouter,
        Slo slo,
        RollbackPolicy rollbackPolicy,
        List<NotificationTarget> notifications,
        ReleaseRequested.Requester requestedBy,
        Boolean quarantineOverride) {

    /**
     * The event this request becomes. The actor is the authenticated API key, whatever the body
     * says: the audit trail records who was let in, not who they claimed to be.
     */
    ReleaseRequested toEvent(String id, String actor, Instant now) {
        ReleaseRequested.Requester requester = requestedBy == null
                ? new ReleaseRequested.Requester(actor, null, null, null, null)
                : new ReleaseRequested.Requester(
                        actor,
                        requestedBy.pipeline(),
                        requestedBy.commit(),
                        requestedBy.commitTime(),
                        requestedBy.changeUrl());
        return new ReleaseRequested(
                id,
                application,
                namespace,
                image,
                version,
                target,
                strategy,
                trafficRouter,
                slo,
                rollbackPolicy,
                notifications,
                requester,
                quarantineOverride,
                now);
    }
}
