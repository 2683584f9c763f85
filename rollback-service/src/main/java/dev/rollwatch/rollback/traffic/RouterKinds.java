package dev.rollwatch.rollback.traffic;

import java.util.Objects;

/**
 * The custom resource versions the routers are read at. They must be versions the cluster serves
 * (a CRD serves the same objects under each of its versions).
 *
 * @param virtualService Istio VirtualService
 * @param httpRoute      Gateway API HTTPRoute
 * @param trafficSplit   SMI TrafficSplit
 */
public record RouterKinds(CustomKind virtualService, CustomKind httpRoute, CustomKind trafficSplit) {

    public RouterKinds {
        Objects.requireNonNull(virtualService, "virtualService");
        Objects.requireNonNull(httpRoute, "httpRoute");
        Objects.requireNonNull(trafficSplit, "trafficSplit");
    }

    public static RouterKinds of(String istioApiVersion, String gatewayApiVersion, String smiApiVersion) {
        return new RouterKinds(
                CustomKind.of(istioApiVersion, "VirtualService", "virtualservices"),
                CustomKind.of(gatewayApiVersion, "HTTPRoute", "httproutes"),
                CustomKind.of(smiApiVersion, "TrafficSplit", "trafficsplits"));
    }

    /** The versions the executor writes by default (Istio 1.22+, Gateway API 1.0+, Linkerd's SMI extension). */
    public static RouterKinds defaults() {
        return of("networking.istio.io/v1", "gateway.networking.k8s.io/v1", "split.smi-spec.io/v1alpha2");
    }
}
