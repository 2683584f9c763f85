package dev.rollwatch.cluster.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes fields of objects without a typed model. Reading never fails on an unexpected
 * shape (a missing or odd field reads as absent): the objects belong to their owners, and a reader
 * that throws on a field it does not know would stop a rollback's verification.
 */
public final class Unstructured {

    private Unstructured() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object parent, String key) {
        Object value = parent instanceof Map<?, ?> m ? m.get(key) : null;
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    /** The maps of a list field (entries that are not maps are skipped); the entries stay writable. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Object parent, String key) {
        Object value = parent instanceof Map<?, ?> m ? m.get(key) : null;
        if (!(value instanceof List<?> items)) {
            return List.of();
        }
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Map<?, ?>) {
                maps.add((Map<String, Object>) item);
            }
        }
        return maps;
    }

    public static String string(Object parent, String key) {
        Object value = parent instanceof Map<?, ?> m ? m.get(key) : null;
        return value == null ? null : value.toString();
    }

    /**
     * A weight: a number, a numeric string, or an SMI v1alpha1 quantity such as {@code 500m}; null
     * when absent or unreadable.
     */
    public static Double weight(Object parent, String key) {
        Object value = parent instanceof Map<?, ?> m ? m.get(key) : null;
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text && !text.isBlank()) {
            String trimmed = text.trim();
            try {
                return trimmed.endsWith("m")
                        ? Double.parseDouble(trimmed.substring(0, trimmed.length() - 1)) / 1000.0
                        : Double.parseDouble(trimmed);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Sets an integer {@code weight} on an entry.
     *
     * @return whether the entry changed
     */
    public static boolean setWeight(Map<String, Object> entry, int weight) {
        Object current = entry.get("weight");
        if (current instanceof Number n && n.doubleValue() == weight && !(current instanceof Double)) {
            return false;
        }
        entry.put("weight", weight);
        return true;
    }

    public static Map<String, Object> newMap() {
        return new LinkedHashMap<>();
    }

    /**
     * Whether a host names a Service of the namespace: its short name, {@code <service>.<namespace>}
     * or any longer form ({@code <service>.<namespace>.svc.cluster.local}). A host in another
     * namespace is another Service, even with the same short name.
     */
    public static boolean namesService(String host, String service, String namespace) {
        if (host == null || service == null) {
            return false;
        }
        return host.equals(service)
                || host.equals(service + "." + namespace)
                || host.startsWith(service + "." + namespace + ".");
    }
}
