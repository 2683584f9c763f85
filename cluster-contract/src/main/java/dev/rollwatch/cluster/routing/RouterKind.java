package dev.rollwatch.cluster.routing;

import java.util.Objects;

/**
 * The kind of a routing object, read and written without a typed model (no Istio, Gateway API or
 * SMI client is needed); the plural is given so no API discovery is needed either.
 *
 * @param apiVersion {@code <group>/<version>}, e.g. {@code networking.istio.io/v1}
 * @param kind       e.g. {@code VirtualService}
 * @param plural     the resource name in URLs and RBAC rules, e.g. {@code virtualservices}
 */
public record RouterKind(String apiVersion, String kind, String plural) {

    public RouterKind {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plural, "plural");
        int slash = apiVersion.indexOf('/');
        if (slash <= 0 || slash == apiVersion.length() - 1 || apiVersion.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException(
                    kind + " apiVersion must be <group>/<version>, was '" + apiVersion + "'");
        }
    }

    public String group() {
        return apiVersion.substring(0, apiVersion.indexOf('/'));
    }

    public String version() {
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    /** The object for people, e.g. {@code VirtualService shop/checkout}. */
    public String describe(String namespace, String name) {
        return kind + " " + namespace + "/" + name;
    }
}
