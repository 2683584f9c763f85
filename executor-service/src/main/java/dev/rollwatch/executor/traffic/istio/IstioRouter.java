package dev.rollwatch.executor.traffic.istio;

import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.Weights;
import dev.rollwatch.executor.config.ExecutorConfig;
import dev.rollwatch.executor.kubernetes.OptimisticWrites;
import dev.rollwatch.executor.kubernetes.StepFailure;
import dev.rollwatch.executor.traffic.RouteContext;
import dev.rollwatch.executor.traffic.RouteSnapshot;
import dev.rollwatch.executor.traffic.Routed;
import dev.rollwatch.executor.traffic.Router;
import dev.rollwatch.executor.traffic.Unstructured;
import dev.rollwatch.executor.traffic.WeightPairs;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Istio: shifts the weights of the VirtualService's HTTP route destinations between the stable and
 * the canary Service (as Argo Rollouts does). The route is the one named by option {@code route},
 * else every HTTP route that has both destinations. Only the weights are touched.
 */
@ApplicationScoped
public class IstioRouter implements Router {

    private final WeightPairs virtualService;

    IstioRouter(KubernetesClient client, OptimisticWrites writes, ExecutorConfig config) {
        this.virtualService = new WeightPairs(
                client,
                writes,
                Unstructured.definition(config.routers().istioApiVersion(), "VirtualService", "virtualservices"),
                IstioRouter::pairs);
    }

    @Override
    public TrafficRouter.Type type() {
        return TrafficRouter.Type.ISTIO;
    }

    @Override
    public RouteSnapshot snapshot(RouteContext route) {
        return virtualService.snapshot(
                route, "the istio router shifts the weights of its routes " + "(trafficRouter.resource names it)");
    }

    @Override
    public Routed route(RouteContext route, int weight) {
        int routes = virtualService.route(route, weight);
        return new Routed(
                Weights.canary(weight),
                virtualService.describe(route) + ": " + routes + " route(s) send "
                        + weight + "% to " + route.canaryService() + " and " + (100 - weight) + "% to "
                        + route.stableService());
    }

    @Override
    public void restore(RouteContext route, RouteSnapshot snapshot) {
        virtualService.restore(route, snapshot, "routes");
    }

    private static List<WeightPairs.Pair> pairs(Map<String, Object> spec, RouteContext route, String described) {
        String name = route.option("route");
        List<WeightPairs.Pair> pairs = new ArrayList<>();
        for (Map<String, Object> http : Unstructured.list(spec.get("http"))) {
            if (name != null && !name.equals(http.get("name"))) {
                continue;
            }
            Map<String, Object> stable = null;
            Map<String, Object> canary = null;
            for (Map<String, Object> destination : Unstructured.list(http.get("route"))) {
                Object host = Unstructured.map(destination.get("destination")).get("host");
                if (Unstructured.namesService(host, route.stableService())) {
                    stable = destination;
                } else if (Unstructured.namesService(host, route.canaryService())) {
                    canary = destination;
                }
            }
            if (stable != null && canary != null) {
                pairs.add(new WeightPairs.Pair(stable, canary));
            }
        }
        if (pairs.isEmpty()) {
            throw new StepFailure(described + " has no HTTP route" + (name != null ? " named '" + name + "'" : "")
                    + " with destinations " + route.stableService() + " and " + route.canaryService());
        }
        return pairs;
    }
}
