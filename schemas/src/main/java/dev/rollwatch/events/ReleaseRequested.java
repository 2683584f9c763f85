package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * CI asks for a release: roll {@link #image()} out to the {@link #application()} in
 * {@link #namespace()} with {@link #strategy()}, watch {@link #slo()} while doing it.
 *
 * @param releaseId          unique id of this release (client-supplied or generated)
 * @param application        the application; by default also the Deployment and Service name
 * @param namespace          Kubernetes namespace
 * @param image              the new image reference ({@code registry/repo:tag} or {@code @sha256:...})
 * @param version            human label of the new version; defaults to the image tag
 * @param target             which workload objects to change; defaults derive from the application
 * @param strategy           canary, blue-green or rolling
 * @param trafficRouter      how traffic is split between stable and new version
 * @param slo                the objectives the new version must meet while it rolls out
 * @param rollbackPolicy     what to do when the SLOs break; consumers default to automatic
 * @param notifications      where people hear about this release
 * @param requestedBy        who and what asked for it
 * @param quarantineOverride release even if this artifact was rolled back before
 * @param requestedAt        when the release was requested
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseRequested(
        String releaseId,
        String application,
        String namespace,
        String image,
        String version,
        Target target,
        Strategy strategy,
        TrafficRouter trafficRouter,
        Slo slo,
        RollbackPolicy rollbackPolicy,
        List<NotificationTarget> notifications,
        Requester requestedBy,
        Boolean quarantineOverride,
        Instant requestedAt)
        implements ReleaseEvent {

    public ReleaseRequested {
        notifications = Copies.list(notifications);
    }

    /**
     * Names of the Kubernetes objects a release changes.
     *
     * @param deployment the stable Deployment; defaults to the application name
     * @param service    the Service in front of it; defaults to the application name
     * @param container  the container whose image changes; defaults to the first one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String deployment, String service, String container) {}

    /**
     * Who asked for the release, from where, and for which change: the audit trail and the DORA
     * lead time start here.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Requester(String actor, String pipeline, String commit, Instant commitTime, String changeUrl) {}
}
