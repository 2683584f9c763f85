package dev.rollwatch.executor.traffic.replicaratio;

import dev.rollwatch.cluster.routing.replicaratio.ReplicaSplit;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.Weights;
import dev.rollwatch.executor.kubernetes.Workloads;
import dev.rollwatch.executor.traffic.RouteContext;
import dev.rollwatch.executor.traffic.RouteSnapshot;
import dev.rollwatch.executor.traffic.Routed;
import dev.rollwatch.executor.traffic.Router;

/**
 * No mesh: the stable Service selects stable and canary pods alike, so traffic splits by pod
 * count. A weight moves pods from the stable to the canary Deployment, keeping the total; the
 * effective weight (what the pod counts give) is what is reported.
 */
public final class ReplicaRatioRouter implements Router {

    private final Workloads workloads;

    public ReplicaRatioRouter(Workloads workloads) {
        this.workloads = workloads;
    }

    @Override
    public TrafficRouter.Type type() {
        return TrafficRouter.Type.REPLICA_RATIO;
    }

    @Override
    public boolean needsCanaryService() {
        return false;
    }

    @Override
    public RouteSnapshot snapshot(RouteContext route) {
        // The stable replica count is part of the recorded stable state.
        return RouteSnapshot.none();
    }

    @Override
    public Routed route(RouteContext route, int weight) {
        int canary = canaryReplicas(route.stableReplicas(), weight);
        int stable = ReplicaSplit.stableReplicas(route.stableReplicas(), canary, weight);
        workloads.scale(route.namespace(), route.stableDeployment(), stable);
        Weights effective = ReplicaSplit.effective(canary, stable);
        String note = effective.canary() == weight ? "" : " (requested " + weight + "%: replica ratio splits by pod)";
        return new Routed(
                effective,
                canary + " canary and " + stable + " stable pods: " + effective.canary() + "% of traffic to the canary"
                        + note);
    }

    @Override
    public void restore(RouteContext route, RouteSnapshot snapshot) {
        workloads.scale(route.namespace(), route.stableDeployment(), route.stableReplicas());
    }
}
