package dev.rollwatch.cluster.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a routing object a router reads and writes: its annotations (NGINX keeps its canary
 * weight there) and its spec, both as plain mutable maps. Everything else stays as the owner wrote it.
 * Adapters convert from and to their client's model (fabric8's unstructured resources, a typed Ingress).
 */
public final class RoutingObject {

    private final Map<String, String> annotations;
    private final Map<String, Object> spec;

    /** A deep, writable copy of the given parts (the caller's maps are never changed); null reads as empty. */
    @SuppressWarnings("unchecked")
    public RoutingObject(Map<String, String> annotations, Map<String, ?> spec) {
        this.annotations = annotations == null ? new LinkedHashMap<>() : new LinkedHashMap<>(annotations);
        this.spec = spec == null ? new LinkedHashMap<>() : (Map<String, Object>) copy(spec);
    }

    /** An object the release is about to create. */
    public static RoutingObject empty() {
        return new RoutingObject(null, null);
    }

    public Map<String, String> annotations() {
        return annotations;
    }

    public Map<String, Object> spec() {
        return spec;
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copy(item)));
            return copy;
        }
        return value;
    }
}
