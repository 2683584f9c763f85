package dev.rollwatch.rollback.traffic.selector;

import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.traffic.ClusterView;
import dev.rollwatch.rollback.traffic.TrafficCheck;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Traffic that a Service spreads over the ready pods it selects: replica-ratio canaries (stable and
 * canary pods behind one Service) and blue-green (the Service's selector switched between colours).
 * All traffic reaches the stable version when the Service selects its pods and every other
 * Deployment it selects is scaled to zero with no ready pods left.
 */
public final class ServiceSelectorCheck implements TrafficCheck {

    @Override
    public Finding allTrafficToStable(RestoreTarget target, ClusterView cluster) {
        String ns = target.namespace();
        Optional<Service> found = cluster.service(ns, target.service());
        if (found.isEmpty()) {
            return Finding.notVerified("Service " + ns + "/" + target.service() + " not found");
        }
        Map<String, String> selector =
                found.get().getSpec() == null ? null : found.get().getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return Finding.notVerified("Service " + ns + "/" + target.service() + " has no selector");
        }
        List<Deployment> selected = cluster.deployments(ns).stream()
                .filter(d -> selects(selector, podLabels(d)))
                .toList();
        if (selected.stream()
                .noneMatch(d -> target.deployment().equals(d.getMetadata().getName()))) {
            return Finding.notVerified("Service " + ns + "/" + target.service() + " (selector " + selector
                    + ") does not select the pods of the stable Deployment " + target.deployment());
        }
        for (Deployment other : selected) {
            if (target.deployment().equals(other.getMetadata().getName())) {
                continue;
            }
            int desired =
                    other.getSpec().getReplicas() == null ? 1 : other.getSpec().getReplicas();
            int ready = other.getStatus() == null || other.getStatus().getReadyReplicas() == null
                    ? 0
                    : other.getStatus().getReadyReplicas();
            if (desired > 0 || ready > 0) {
                return Finding.notVerified("Service " + ns + "/" + target.service() + " still selects Deployment "
                        + other.getMetadata().getName() + " (" + ready + " ready, " + desired + " desired)");
            }
        }
        return Finding.verified("Service " + target.service() + " selects only " + target.deployment() + "'s pods");
    }

    static Map<String, String> podLabels(Deployment deployment) {
        if (deployment.getSpec() == null
                || deployment.getSpec().getTemplate() == null
                || deployment.getSpec().getTemplate().getMetadata() == null) {
            return Map.of();
        }
        Map<String, String> labels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /** Kubernetes Service semantics: every selector label is on the pod with the same value. */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
