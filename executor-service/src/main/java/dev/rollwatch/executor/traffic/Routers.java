package dev.rollwatch.executor.traffic;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.executor.traffic.none.NoRouting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The explicit factory of traffic routers: one per {@link TrafficRouter.Type}; an unknown type is
 * rejected, never guessed. Canary releases without a router use replica ratio (no mesh needed);
 * blue-green and rolling releases use {@link NoRouting} (they switch a Service selector or update
 * the Deployment instead).
 */
@ApplicationScoped
public class Routers {

    private final Map<TrafficRouter.Type, Router> byType = new EnumMap<>(TrafficRouter.Type.class);

    @Inject
    Routers(Instance<Router> routers) {
        this((Iterable<Router>) routers);
    }

    /** The factory over exactly these routers (one per type). */
    public Routers(Iterable<Router> routers) {
        for (Router router : routers) {
            Router previous = byType.put(router.type(), router);
            if (previous != null) {
                throw new IllegalStateException("two traffic routers for " + router.type() + ": "
                        + previous.getClass().getName() + " and "
                        + router.getClass().getName());
            }
        }
    }

    /** The router a release uses. */
    public Router forRelease(ReleaseRequested request) {
        if (request.strategy().type() != Strategy.Type.CANARY) {
            return NoRouting.INSTANCE;
        }
        TrafficRouter router = request.trafficRouter();
        return forType(router == null ? TrafficRouter.Type.REPLICA_RATIO : router.type());
    }

    /**
     * @throws IllegalArgumentException for a type no router implements
     */
    public Router forType(TrafficRouter.Type type) {
        Router router = type == null ? null : byType.get(type);
        if (router == null) {
            throw new IllegalArgumentException("unknown traffic router type '" + type + "'; known types: "
                    + byType.keySet().stream().map(EventJson::nameOf).collect(Collectors.joining(", ")));
        }
        return router;
    }

    /** The route context of a canary release. */
    public static RouteContext contextOf(
            ReleaseRequested request, String stableDeployment, String canaryDeployment, int stableReplicas) {
        TrafficRouter router = request.trafficRouter();
        String application = request.application();
        String resource = router != null && router.resource() != null ? router.resource() : application;
        String stableService = router != null && router.stableService() != null ? router.stableService() : application;
        String canaryService =
                router != null && router.canaryService() != null ? router.canaryService() : application + "-canary";
        return new RouteContext(
                request.releaseId(),
                request.namespace(),
                stableDeployment,
                canaryDeployment,
                stableReplicas,
                resource,
                stableService,
                canaryService,
                router == null ? null : router.options());
    }
}
