package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * How traffic is split between the stable and the new version.
 *
 * @param type          the router; {@code replicaRatio} needs no mesh or ingress controller
 * @param resource      name of the routing object (VirtualService, HTTPRoute, Ingress, TrafficSplit);
 *                      defaults to the application name
 * @param stableService Service selecting the stable pods; defaults to the application name
 * @param canaryService Service selecting the new pods; defaults to {@code <application>-canary}
 * @param options       router-specific settings (e.g. the Istio route name)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficRouter(
        Type type, String resource, String stableService, String canaryService, Map<String, String> options) {

    public TrafficRouter {
        options = Copies.map(options);
    }

    public enum Type {
        @JsonProperty("replicaRatio")
        REPLICA_RATIO,
        @JsonProperty("istio")
        ISTIO,
        @JsonProperty("gatewayApi")
        GATEWAY_API,
        @JsonProperty("nginx")
        NGINX,
        @JsonProperty("smi")
        SMI
    }
}
