package dev.rollwatch.rollback.traffic;

import dev.rollwatch.cluster.routing.Route;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.rollback.domain.RestoreTarget;
import java.util.Map;

/** Restore targets of the checkout application in namespace shop. */
public final class Targets {

    public static final String STABLE_IMAGE = "registry.example.com/shop/checkout:1.4.1";
    public static final String NEW_IMAGE = "registry.example.com/shop/checkout:1.4.2";

    private Targets() {}

    public static RestoreTarget canary(TrafficRouter.Type router, Map<String, String> options) {
        return new RestoreTarget(
                "rel-1",
                "shop",
                "checkout",
                "checkout",
                null,
                Strategy.Type.CANARY,
                new Route(router, "shop", "checkout", "checkout", "checkout-canary", options),
                STABLE_IMAGE,
                NEW_IMAGE);
    }

    public static RestoreTarget canary(TrafficRouter.Type router) {
        return canary(router, Map.of());
    }

    public static RestoreTarget of(Strategy.Type strategy) {
        return new RestoreTarget(
                "rel-1", "shop", "checkout", "checkout", null, strategy, null, STABLE_IMAGE, NEW_IMAGE);
    }
}
