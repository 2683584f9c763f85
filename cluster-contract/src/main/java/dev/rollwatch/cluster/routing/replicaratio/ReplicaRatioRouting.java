package dev.rollwatch.cluster.routing.replicaratio;

import dev.rollwatch.cluster.routing.Route;
import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routing;
import dev.rollwatch.cluster.routing.WeightedObject;
import dev.rollwatch.events.TrafficRouter;
import java.util.Optional;

/**
 * No mesh: the application's Service selects stable and canary pods alike, so traffic splits by pod
 * count. The weights are replica counts ({@link ReplicaSplit} writes them, a Service selecting only
 * the stable Deployment's ready pods reads as all stable); there is no routing object.
 */
public final class ReplicaRatioRouting implements Routing {

    @Override
    public TrafficRouter.Type type() {
        return TrafficRouter.Type.REPLICA_RATIO;
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
