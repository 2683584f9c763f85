package dev.rollwatch.cluster.routing;

import java.util.Objects;

/**
 * The API versions the routing objects are written and read at. A cluster must serve them; a CRD
 * serves the same objects under each of its versions, so the executor and the rollback-service only
 * need to agree on a version the cluster serves.
 *
 * @param istio      Istio VirtualService
 * @param gatewayApi Gateway API HTTPRoute
 * @param smi        SMI TrafficSplit
 */
public record RouterVersions(String istio, String gatewayApi, String smi) {

    /** Istio 1.22+, Gateway API 1.0+, Linkerd's SMI extension. */
    public static final String DEFAULT_ISTIO = "networking.istio.io/v1";

    public static final String DEFAULT_GATEWAY_API = "gateway.networking.k8s.io/v1";
    public static final String DEFAULT_SMI = "split.smi-spec.io/v1alpha2";

    public RouterVersions {
        Objects.requireNonNull(istio, "istio");
        Objects.requireNonNull(gatewayApi, "gatewayApi");
        Objects.requireNonNull(smi, "smi");
    }

    public static RouterVersions defaults() {
        return new RouterVersions(DEFAULT_ISTIO, DEFAULT_GATEWAY_API, DEFAULT_SMI);
    }
}
