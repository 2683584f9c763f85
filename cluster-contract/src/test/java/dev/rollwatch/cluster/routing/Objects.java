package dev.rollwatch.cluster.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollwatch.events.TrafficRouter;
import java.util.Map;

/** Routing objects for tests, written as the YAML-ish JSON people know from their clusters. */
public final class Objects {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Objects() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(String json) {
        try {
            return JSON.readValue(json.replace('\'', '"'), Map.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    public static RoutingObject spec(String json) {
        return new RoutingObject(null, json(json));
    }

    /** The shop/checkout release's route: stable Service checkout, canary Service checkout-canary. */
    public static Route route(TrafficRouter.Type type, Map<String, String> options) {
        return new Route(type, "shop", "checkout", "checkout", "checkout-canary", options);
    }

    public static Route route(TrafficRouter.Type type) {
        return route(type, Map.of());
    }
}
