package dev.rollwatch.executor.traffic.gatewayapi;

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
 * Gateway API: shifts the weights of the HTTPRoute's backendRefs between the stable and the canary
 * Service, in every rule that references both. Only the weights are touched.
 */
@ApplicationScoped
public class GatewayApiRouter implements Router {

    private final WeightPairs httpRoute;

    GatewayApiRouter(KubernetesClient client, OptimisticWrites writes, ExecutorConfig config) {
        this.httpRoute = new WeightPairs(
                client,
                writes,
                Unstructured.definition(config.routers().gatewayApiVersion(), "HTTPRoute", "httproutes"),
                GatewayApiRouter::pairs);
    }

    @Override
    public TrafficRouter.Type type() {
        return TrafficRouter.Type.GATEWAY_API;
    }

    @Override
    public RouteSnapshot snapshot(RouteContext route) {
        return httpRoute.snapshot(
                route,
                "the gatewayApi router shifts the weights of its backendRefs " + "(trafficRouter.resource names it)");
    }

    @Override
    public Routed route(RouteContext route, int weight) {
        int rules = httpRoute.route(route, weight);
        return new Routed(
                Weights.canary(weight),
                httpRoute.describe(route) + ": " + rules + " rule(s) weigh " + route.canaryService() + " " + weight
                        + " and " + route.stableService() + " " + (100 - weight));
    }

    @Override
    public void restore(RouteContext route, RouteSnapshot snapshot) {
        httpRoute.restore(route, snapshot, "backendRefs");
    }

    private static List<WeightPairs.Pair> pairs(Map<String, Object> spec, RouteContext route, String described) {
        List<WeightPairs.Pair> pairs = new ArrayList<>();
        for (Map<String, Object> rule : Unstructured.list(spec.get("rules"))) {
            Map<String, Object> stable = null;
            Map<String, Object> canary = null;
            for (Map<String, Object> backendRef : Unstructured.list(rule.get("backendRefs"))) {
                Object name = backendRef.get("name");
                if (route.stableService().equals(name)) {
                    stable = backendRef;
                } else if (route.canaryService().equals(name)) {
                    canary = backendRef;
                }
            }
            if (stable != null && canary != null) {
                pairs.add(new WeightPairs.Pair(stable, canary));
            }
        }
        if (pairs.isEmpty()) {
            throw new StepFailure(described + " has no rule with backendRefs " + route.stableService() + " and "
                    + route.canaryService());
        }
        return pairs;
    }
}
