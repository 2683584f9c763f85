package dev.rollwatch.executor.traffic.none;

import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.Weights;
import dev.rollwatch.executor.traffic.RouteContext;
import dev.rollwatch.executor.traffic.RouteSnapshot;
import dev.rollwatch.executor.traffic.Routed;
import dev.rollwatch.executor.traffic.Router;

/**
 * "No traffic router configured": blue-green and rolling releases do not split traffic by weight.
 * Not a CDI bean, so the factory never hands it out for a router type.
 */
public final class NoRouting implements Router {

    public static final NoRouting INSTANCE = new NoRouting();

    private NoRouting() {}

    @Override
    public TrafficRouter.Type type() {
        return null;
    }

    @Override
    public boolean needsCanaryService() {
        return false;
    }

    @Override
    public RouteSnapshot snapshot(RouteContext route) {
        return RouteSnapshot.none();
    }

    @Override
    public Routed route(RouteContext route, int weight) {
        return new Routed(Weights.canary(weight), "no traffic router");
    }

    @Override
    public void restore(RouteContext route, RouteSnapshot snapshot) {
        // Nothing was routed.
    }
}
