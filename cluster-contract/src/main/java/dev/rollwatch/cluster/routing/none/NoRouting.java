package dev.rollwatch.cluster.routing.none;

import dev.rollwatch.cluster.routing.Route;
import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routing;
import dev.rollwatch.cluster.routing.WeightedObject;
import dev.rollwatch.events.TrafficRouter;
import java.util.Optional;

/**
 * "No traffic router": blue-green and rolling releases do not split traffic by weight (they switch a
 * Service's selector or update the Deployment). It answers to no router type, so a registry never
 * hands it out for one.
 */
public final class NoRouting implements Routing {

    public static final NoRouting INSTANCE = new NoRouting();

    private NoRouting() {}

    /** None: no request names this router. */
    @Override
    public TrafficRouter.Type type() {
        return null;
    }

    @Override
    public boolean needsCanaryService() {
        return false;
    }

    @Override
    public Optional<WeightedObject> weightedObject(Route route, RouterVersions versions) {
        return Optional.empty();
    }
}
