package dev.rollwatch.executor.traffic;

import dev.rollwatch.cluster.routing.Route;
import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routing;
import dev.rollwatch.cluster.routing.Routings;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.executor.config.ExecutorConfig;
import dev.rollwatch.executor.kubernetes.OptimisticWrites;
import dev.rollwatch.executor.kubernetes.Workloads;
import dev.rollwatch.executor.traffic.nginx.NginxRouter;
import dev.rollwatch.executor.traffic.none.NoRouting;
import dev.rollwatch.executor.traffic.replicaratio.ReplicaRatioRouter;
import dev.rollwatch.executor.traffic.weighted.WeightedObjectRouter;
import dev.rollwatch.providers.ProviderRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The executor's traffic routers: one per router of the cluster contract ({@link Routings}). A router
 * whose weights live in a routing object is driven by {@link WeightedObjectRouter} with the contract's
 * reader and writer, so a new router of that shape needs no executor code; replica ratio (pod counts)
 * and NGINX (a mirrored canary Ingress) have adapters of their own. An unknown type is refused, never
 * guessed.
 */
@ApplicationScoped
public class Routers {

    /** The contract's routers: the adapters below are built from them, and releases resolve through them. */
    private static final Routings ROUTINGS = Routings.standard();

    private final ProviderRegistry<TrafficRouter.Type, Router> registry;

    @Inject
    Routers(KubernetesClient client, OptimisticWrites writes, Workloads workloads, ExecutorConfig config) {
        this(adapt(ROUTINGS, client, writes, workloads, versions(config)));
    }

    /** The factory over exactly these routers (one per type). */
    public Routers(Iterable<Router> routers) {
        this.registry =
                ProviderRegistry.of("traffic router", Router::type, routers, NoRouting.INSTANCE, EventJson::nameOf);
    }

    /** The router a release uses. */
    public Router forRelease(ReleaseRequested request) {
        Routing routing = ROUTINGS.forRelease(request.strategy().type(), request.trafficRouter());
        return routing.type() == null ? registry.none() : forType(routing.type());
    }

    /**
     * @throws IllegalArgumentException for a type no router implements
     */
    public Router forType(TrafficRouter.Type type) {
        return registry.get(type);
    }

    /** The route context of a canary release. */
    public static RouteContext contextOf(
            ReleaseRequested request, String stableDeployment, String canaryDeployment, int stableReplicas) {
        return new RouteContext(
                request.releaseId(),
                Route.of(request.namespace(), request.application(), request.trafficRouter()),
                stableDeployment,
                canaryDeployment,
                stableReplicas);
    }

    private static List<Router> adapt(
            Routings routings,
            KubernetesClient client,
            OptimisticWrites writes,
            Workloads workloads,
            RouterVersions versions) {
        List<Router> routers = new ArrayList<>();
        for (TrafficRouter.Type type : TrafficRouter.Type.values()) {
            Routing routing = routings.forType(type);
            routers.add(
                    switch (type) {
                        case REPLICA_RATIO -> new ReplicaRatioRouter(workloads);
                        case NGINX -> new NginxRouter(client, writes);
                        default -> new WeightedObjectRouter(routing, versions, client, writes);
                    });
        }
        return routers;
    }

    private static RouterVersions versions(ExecutorConfig config) {
        return new RouterVersions(
                config.routers().istioApiVersion(),
                config.routers().gatewayApiVersion(),
                config.routers().smiApiVersion());
    }
}
