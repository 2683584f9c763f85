package dev.rollwatch.rollback.traffic;

import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.traffic.gatewayapi.HttpRouteCheck;
import dev.rollwatch.rollback.traffic.istio.VirtualServiceCheck;
import dev.rollwatch.rollback.traffic.nginx.CanaryIngressCheck;
import dev.rollwatch.rollback.traffic.none.DeploymentOnlyCheck;
import dev.rollwatch.rollback.traffic.selector.ServiceSelectorCheck;
import dev.rollwatch.rollback.traffic.smi.TrafficSplitCheck;
import java.util.Objects;

/** Chooses the traffic check for a release: by strategy, and for canaries by traffic router. */
public final class TrafficChecks {

    private final RouterKinds kinds;

    public TrafficChecks(RouterKinds kinds) {
        this.kinds = Objects.requireNonNull(kinds, "kinds");
    }

    /** The custom resource versions the routing objects are read at. */
    public RouterKinds kinds() {
        return kinds;
    }

    public TrafficCheck forTarget(RestoreTarget target) {
        return switch (target.strategy()) {
            case ROLLING -> new DeploymentOnlyCheck();
            case BLUE_GREEN -> new ServiceSelectorCheck();
            case CANARY ->
                forRouter(target.routing() == null ? null : target.routing().type());
        };
    }

    /** The check for a canary's router; a router this service does not know is refused, never guessed. */
    public TrafficCheck forRouter(TrafficRouter.Type type) {
        if (type == null) {
            throw new IllegalArgumentException(
                    "a canary needs a traffic router type (replicaRatio, istio, gatewayApi, " + "nginx, smi)");
        }
        return switch (type) {
            case REPLICA_RATIO -> new ServiceSelectorCheck();
            case ISTIO -> new VirtualServiceCheck(kinds.virtualService());
            case GATEWAY_API -> new HttpRouteCheck(kinds.httpRoute());
            case NGINX -> new CanaryIngressCheck();
            case SMI -> new TrafficSplitCheck(kinds.trafficSplit());
        };
    }
}
