package dev.rollwatch.rollback.verification;

import dev.rollwatch.rollback.domain.Claim;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.traffic.ClusterView;
import dev.rollwatch.rollback.traffic.RouterKinds;
import dev.rollwatch.rollback.traffic.nginx.CanaryIngressCheck;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which releases the objects of a restore are marked for. The executor marks what it changes for a
 * release with {@code rollwatch.dev/release}: the canary or preview Deployment it creates beside the
 * stable one (which also names that stable Deployment in {@code rollwatch.dev/stable-deployment}),
 * the stable Deployment when it puts a release's template into it (promotion, rolling update), and
 * the routing object whose weights it sets. Marks of the release being verified are left out; whether
 * another release's mark means the cluster moved on is the domain's decision.
 */
public final class ReleaseMarks {

    public static final String RELEASE = "rollwatch.dev/release";
    public static final String STABLE_DEPLOYMENT = "rollwatch.dev/stable-deployment";

    private final RouterKinds kinds;

    public ReleaseMarks(RouterKinds kinds) {
        this.kinds = Objects.requireNonNull(kinds, "kinds");
    }

    /** Reads the marks (get and list only). API errors propagate: the caller keeps its finding without them. */
    public List<Claim> of(RestoreTarget target, ClusterView cluster) {
        String ns = target.namespace();
        List<Claim> claims = new ArrayList<>();
        cluster.deployment(ns, target.deployment()).ifPresent(d -> add(claims, target, d, "Deployment"));
        cluster.deployments(ns).stream()
                .filter(d -> target.deployment().equals(annotation(d, STABLE_DEPLOYMENT)))
                .filter(d -> !target.deployment().equals(d.getMetadata().getName()))
                .forEach(d -> add(claims, target, d, "Deployment"));
        routingObject(target, cluster).ifPresent(o -> add(claims, target, o, o.getKind()));
        return claims;
    }

    private Optional<? extends HasMetadata> routingObject(RestoreTarget target, ClusterView cluster) {
        RestoreTarget.Routing routing = target.routing();
        if (routing == null) {
            return Optional.empty();
        }
        String ns = target.namespace();
        return switch (routing.type()) {
            case REPLICA_RATIO -> Optional.empty();
            case ISTIO -> cluster.custom(kinds.virtualService(), ns, routing.resource());
            case GATEWAY_API -> cluster.custom(kinds.httpRoute(), ns, routing.resource());
            case SMI -> cluster.custom(kinds.trafficSplit(), ns, routing.resource());
            case NGINX -> cluster.ingress(ns, CanaryIngressCheck.canaryIngress(routing));
        };
    }

    private static void add(List<Claim> claims, RestoreTarget target, HasMetadata object, String kind) {
        String release = annotation(object, RELEASE);
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
