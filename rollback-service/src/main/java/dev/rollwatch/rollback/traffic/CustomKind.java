package dev.rollwatch.rollback.traffic;

import java.util.Objects;

/**
 * A custom resource kind read without a typed model (no Istio or SMI client is needed).
 *
 * @param group   API group, e.g. {@code networking.istio.io}
 * @param version served version to read
 * @param kind    kind, e.g. {@code VirtualService}
 * @param plural  resource name in URLs (and RBAC), e.g. {@code virtualservices}
 */
public record CustomKind(String group, String version, String kind, String plural) {

    public CustomKind {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plural, "plural");
    }

    /** From an {@code apiVersion} such as {@code networking.istio.io/v1}. */
    public static CustomKind of(String apiVersion, String kind, String plural) {
        int slash = apiVersion.indexOf('/');
        if (slash <= 0 || slash == apiVersion.length() - 1) {
            throw new IllegalArgumentException("apiVersion must be <group>/<version>, was '" + apiVersion + "'");
        }
        return new CustomKind(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind, plural);
    }

    public String apiVersion() {
        return group + "/" + version;
    }
}
