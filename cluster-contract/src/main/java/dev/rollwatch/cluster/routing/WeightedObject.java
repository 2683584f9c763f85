package dev.rollwatch.cluster.routing;

import java.util.Objects;

/**
 * The object that carries a canary's weights, and how its router reads and writes them.
 *
 * @param kind    its kind and API version
 * @param name    its name in the release's namespace
 * @param reader  reads its weights (the executor's snapshot, the rollback-service's verification)
 * @param writer  writes them (the executor)
 * @param created whether the executor creates the object when it is missing (SMI's TrafficSplit and
 *                NGINX's canary Ingress) rather than failing the step (a VirtualService or HTTPRoute
 *                belongs to its owner)
 */
public record WeightedObject(RouterKind kind, String name, WeightReader reader, WeightWriter writer, boolean created) {

    public WeightedObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(writer, "writer");
    }

    /** The object for people, e.g. {@code VirtualService shop/checkout}. */
    public String describe(Route route) {
        return kind.describe(route.namespace(), name);
    }
}
