package dev.rollwatch.healthmonitor.source.pods;

import dev.rollwatch.healthmonitor.config.HealthConfig;
import dev.rollwatch.healthmonitor.domain.TrackMeasurement;
import dev.rollwatch.healthmonitor.domain.pods.PodObservation;
import dev.rollwatch.healthmonitor.domain.pods.PodSnapshot;
import dev.rollwatch.healthmonitor.source.Failures;
import dev.rollwatch.healthmonitor.source.WatchTarget;
import dev.rollwatch.healthmonitor.source.scrape.PodEndpoints;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Reads the new version's pods from the Kubernetes API for the judge, whatever the metric source:
 * their readiness, restarts, and why a container cannot run. A failure to list them comes back as
 * data (unknown pod health), never as an exception.
 */
@ApplicationScoped
public class PodHealthProbe {

    /** Waiting reasons that mean the container will not run as it is. */
    static final Set<String> BROKEN = Set.of(
            "CrashLoopBackOff",
            "ImagePullBackOff",
            "ErrImagePull",
            "InvalidImageName",
            "CreateContainerConfigError",
            "CreateContainerError",
            "RunContainerError");

    private final PodEndpoints pods;
    private final boolean enabled;

    PodHealthProbe(PodEndpoints pods, HealthConfig config) {
        this.pods = pods;
        this.enabled = config.pods().enabled();
    }

    public Uni<PodObservation> observe(WatchTarget target) {
        if (!enabled) {
            return Uni.createFrom().item(PodObservation.NOT_LOOKED);
        }
        String selector = "pods " + pods.selector(target.application(), TrackMeasurement.CANARY, target.strategy())
                + " in namespace " + target.namespace();
        return Uni.createFrom()
                .deferred(() ->
                        pods.pods(target.namespace(), target.application(), TrackMeasurement.CANARY, target.strategy()))
                .map(found -> new PodObservation(
                        selector, found.stream().map(PodHealthProbe::snapshot).toList(), null))
                .onFailure()
                .recoverWithItem(
                        e -> PodObservation.failed(selector, Failures.describe("listing the new version's pods", e)));
    }

    static PodSnapshot snapshot(Pod pod) {
        var status = pod.getStatus();
        List<ContainerStatus> containers =
                status == null || status.getContainerStatuses() == null ? List.of() : status.getContainerStatuses();
        boolean ready = status != null
                && status.getConditions() != null
                && status.getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        int restarts = containers.stream()
                .mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount())
                .sum();
        String problem = containers.stream()
                .map(PodHealthProbe::problem)
                .filter(p -> p != null)
                .findFirst()
                .orElse(null);
        return new PodSnapshot(pod.getMetadata().getName(), ready, restarts, problem);
    }

    private static String problem(ContainerStatus container) {
        ContainerState state = container.getState();
        if (state != null
                && state.getWaiting() != null
                && BROKEN.contains(state.getWaiting().getReason())) {
            return state.getWaiting().getReason();
        }
        if (killedForMemory(state) || killedForMemory(container.getLastState())) {
            return "OOMKilled";
        }
        return null;
    }

    private static boolean killedForMemory(ContainerState state) {
        return state != null
                && state.getTerminated() != null
                && "OOMKilled".equals(state.getTerminated().getReason());
    }
}
