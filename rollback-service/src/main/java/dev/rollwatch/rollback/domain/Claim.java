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
 */
public record Claim(String releaseId, String object, Instant requestedAt) {

    public Claim {
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(object, "object");
    }

    public Claim requestedAt(Instant value) {
        return new Claim(releaseId, object, value);
    }
}
