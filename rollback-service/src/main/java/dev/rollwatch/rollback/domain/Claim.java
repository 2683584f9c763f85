package dev.rollwatch.rollback.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An object a restore is verified on (the stable Deployment, a canary or preview Deployment beside it,
 * the routing object) that the executor has marked ({@code rollwatch.dev/release}) for another release.
 * A release requested after the one being verified owns the object now: the cluster has moved on.
 *
 * @param releaseId   the release the object is marked for
 * @param object      which object, for people (e.g. "Deployment shop/checkout-canary")
 * @param requestedAt when that release was requested, as far as the service knows; null when its
 *                    request was never consumed (an older release, or one not consumed yet)
 * @param workload    the Deployment that release targets ({@code namespace/name}); null when its request
 *                    was never consumed. Routing objects can be shared by several applications, so a mark
 *                    on one may come from a release of another Deployment.
 */
public record Claim(String releaseId, String object, Instant requestedAt, String workload) {

    public Claim {
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(object, "object");
    }

    /** A mark as read from the cluster, before the claiming release's request is looked up. */
    public static Claim marked(String releaseId, String object) {
        return new Claim(releaseId, object, null, null);
    }

    /** This claim with what the claiming release's request says: when, and for which Deployment. */
    public Claim requested(Instant at, String deployment) {
        return new Claim(releaseId, object, at, deployment);
    }
}
