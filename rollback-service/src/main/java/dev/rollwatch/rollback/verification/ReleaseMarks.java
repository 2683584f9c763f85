package dev.rollwatch.rollback.verification;

import dev.rollwatch.cluster.Marks;
import dev.rollwatch.rollback.domain.Claim;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.traffic.ClusterView;
import dev.rollwatch.rollback.traffic.TrafficChecks;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which releases the objects of a restore are marked for. The executor marks what it changes for a
 * release with {@link Marks#RELEASE}: the canary or preview Deployment it creates beside the stable
 * one (which also names that stable Deployment in {@link Marks#STABLE_DEPLOYMENT}), the stable
 * Deployment when it puts a release's template into it (promotion, rolling update), and the routing
 * object whose weights it sets. Marks of the release being verified are left out; whether another
 * release's mark means the cluster moved on is the domain's decision.
 */
public final class ReleaseMarks {

    private final TrafficChecks traffic;

    /** @param traffic names the routing object of a canary, the same one the traffic check reads */
    public ReleaseMarks(TrafficChecks traffic) {
        this.traffic = Objects.requireNonNull(traffic, "traffic");
    }

    /** Reads the marks (get and list only). API errors propagate: the caller keeps its finding without them. */
    public List<Claim> of(RestoreTarget target, ClusterView cluster) {
        String ns = target.namespace();
        List<Claim> claims = new ArrayList<>();
        cluster.deployment(ns, target.deployment()).ifPresent(d -> add(claims, target, d, "Deployment"));
        cluster.deployments(ns).stream()
                .filter(d -> target.deployment().equals(annotation(d, Marks.STABLE_DEPLOYMENT)))
                .filter(d -> !target.deployment().equals(d.getMetadata().getName()))
                .forEach(d -> add(claims, target, d, "Deployment"));
        routingObject(target, cluster).ifPresent(o -> add(claims, target, o, o.getKind()));
        return claims;
    }

    private Optional<? extends HasMetadata> routingObject(RestoreTarget target, ClusterView cluster) {
        return traffic.weightedObject(target)
                .flatMap(object -> cluster.routingObject(object.kind(), target.namespace(), object.name()));
    }

    private static void add(List<Claim> claims, RestoreTarget target, HasMetadata object, String kind) {
        String release = annotation(object, Marks.RELEASE);
        if (release != null && !release.equals(target.releaseId())) {
            claims.add(Claim.marked(
                    release,
                    (kind != null ? kind : "object") + " " + target.namespace() + "/"
                            + object.getMetadata().getName()));
        }
    }

    private static String annotation(HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
