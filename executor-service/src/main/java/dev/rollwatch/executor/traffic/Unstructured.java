package dev.rollwatch.executor.traffic;

import dev.rollwatch.executor.kubernetes.StepFailure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helpers for routing objects without a typed model (Istio, Gateway API, SMI): the executor edits
 * only the fields it owns (weights) and leaves everything else as the owner wrote it.
 */
public final class Unstructured {

    private Unstructured() {}

    /** A namespaced custom resource type, with its plural given so no API discovery is needed. */
    public static ResourceDefinitionContext definition(String apiVersion, String kind, String plural) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> spec(GenericKubernetesResource resource, String where) {
        Object spec = resource.getAdditionalProperties().get("spec");
        if (!(spec instanceof Map)) {
            throw new StepFailure(where + " has no spec");
        }
        return (Map<String, Object>) spec;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map) {
                maps.add((Map<String, Object>) item);
            }
        }
        return maps;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    public static int weight(Map<String, Object> entry) {
        Object weight = entry.get("weight");
        return weight instanceof Number n ? n.intValue() : 0;
    }

    /** True when a host names the Service: its short name or a qualified form (checkout.shop.svc...). */
    public static boolean namesService(Object host, String service) {
        return host instanceof String h && (h.equals(service) || h.startsWith(service + "."));
    }

    public static Map<String, Object> newMap() {
        return new LinkedHashMap<>();
    }
}
