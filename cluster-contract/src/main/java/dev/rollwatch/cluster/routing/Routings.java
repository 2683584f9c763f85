package dev.rollwatch.cluster.routing;

import dev.rollwatch.cluster.routing.gatewayapi.GatewayApiRouting;
import dev.rollwatch.cluster.routing.istio.IstioRouting;
import dev.rollwatch.cluster.routing.nginx.NginxRouting;
import dev.rollwatch.cluster.routing.none.NoRouting;
import dev.rollwatch.cluster.routing.replicaratio.ReplicaRatioRouting;
import dev.rollwatch.cluster.routing.smi.SmiRouting;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.providers.ProviderRegistry;
import java.util.List;

/**
 * The traffic routers Rollwatch knows, one per {@link TrafficRouter.Type}. Adding a router is one
 * package with its {@link Routing} and one line in {@link #standard()} (see docs/ARCHITECTURE.md,
 * "Adding a provider").
 */
public final class Routings {

    private final ProviderRegistry<TrafficRouter.Type, Routing> registry;

    public Routings(List<Routing> routings) {
        this.registry =
                ProviderRegistry.of("traffic router", Routing::type, routings, NoRouting.INSTANCE, EventJson::nameOf);
    }

    /** Every router of the contract. */
    public static Routings standard() {
        return new Routings(List.of(
                new ReplicaRatioRouting(),
                new IstioRouting(),
                new GatewayApiRouting(),
                new NginxRouting(),
                new SmiRouting()));
    }

    /**
     * @throws IllegalArgumentException for a type no router implements
     */
    public Routing forType(TrafficRouter.Type type) {
        return registry.get(type);
    }

    /** The router of a release: its canary's router (replica ratio when it names none), else none. */
    public Routing forRelease(Strategy.Type strategy, TrafficRouter router) {
        if (strategy != Strategy.Type.CANARY) {
            return registry.none();
        }
        return forType(router == null || router.type() == null ? TrafficRouter.Type.REPLICA_RATIO : router.type());
    }

    public Routing none() {
        return registry.none();
    }
}
