package dev.rollwatch.rollback.traffic;

import java.util.List;
import java.util.Map;

/** Reads fields of unstructured objects (custom resources) without failing on unexpected shapes. */
public final class Unstructured {

    private Unstructured() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object parent, String key) {
        Object value = parent instanceof Map<?, ?> m ? m.get(key) : null;
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Object parent, String key) {
        Object value = parent instanceof Map<?, ?> m ? m.get(key) : null;
        if (!(value instanceof List<?> items)) {
            return List.of();
        }
        return items.stream()
                .filter(Map.class::isInstance)
                .map(i -> (Map<String, Object>) i)
                .toList();
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

    /** Whether a destination host names the Service: short name, or any of its qualified DNS names. */
    public static boolean namesService(String host, String service, String namespace) {
        if (host == null || service == null) {
            return false;
        }
        return host.equals(service)
                || host.equals(service + "." + namespace)
                || host.startsWith(service + "." + namespace + ".");
    }
}
