package dev.rollwatch.rollback.traffic.nginx;

import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.traffic.ClusterView;
import dev.rollwatch.rollback.traffic.TrafficCheck;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * NGINX Ingress: the stable Ingress ({@code resource}) serves everything its canary Ingress (option
 * {@code canaryIngress}, default {@code <resource>-canary}) does not take. The canary takes nothing
 * when it is gone, not marked as a canary, or weighted 0 with no header or cookie routing left.
 */
public final class CanaryIngressCheck implements TrafficCheck {

    static final String PREFIX = "nginx.ingress.kubernetes.io/";
    private static final List<String> BY_REQUEST =
            List.of("canary-by-header", "canary-by-header-value", "canary-by-header-pattern", "canary-by-cookie");

    @Override
    public Finding allTrafficToStable(RestoreTarget target, ClusterView cluster) {
        RestoreTarget.Routing routing = target.routing();
        String ns = target.namespace();
        if (cluster.ingress(ns, routing.resource()).isEmpty()) {
            return Finding.notVerified("stable Ingress " + ns + "/" + routing.resource() + " not found");
        }
        String canaryName = canaryIngress(routing);
        Optional<Ingress> canary = cluster.ingress(ns, canaryName);
        if (canary.isEmpty()) {
            return Finding.verified("Ingress " + routing.resource() + " takes 100% (no canary Ingress)");
        }
        Map<String, String> annotations = canary.get().getMetadata().getAnnotations() == null
                ? Map.of()
                : canary.get().getMetadata().getAnnotations();
        if (!"true".equalsIgnoreCase(annotations.get(PREFIX + "canary"))) {
            return Finding.verified(
                    "Ingress " + routing.resource() + " takes 100% (" + canaryName + " is not a canary)");
        }
        String weight = annotations.getOrDefault(PREFIX + "canary-weight", "0").trim();
        if (!isZero(weight)) {
            return Finding.notVerified(
                    "canary Ingress " + ns + "/" + canaryName + " still has canary-weight " + weight);
        }
        for (String rule : BY_REQUEST) {
            if (annotations.containsKey(PREFIX + rule)) {
                return Finding.notVerified("canary Ingress " + ns + "/" + canaryName + " still routes requests by "
                        + rule + "=" + annotations.get(PREFIX + rule));
            }
        }
        return Finding.verified("Ingress " + routing.resource() + " takes 100% (" + canaryName + " weight 0)");
    }

    /** The canary Ingress's name as the executor gives it: option {@code canaryIngress}, else {@code <resource>-canary}. */
    public static String canaryIngress(RestoreTarget.Routing routing) {
        String named = routing.option("canaryIngress");
        return named != null ? named : routing.resource() + "-canary";
    }

    private static boolean isZero(String weight) {
        try {
            return Double.parseDouble(weight) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
