package dev.rollwatch.kubernetes.strict;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fields the kind does not declare, as {@code kubectl --validate=strict} (field validation Strict)
 * refuses them. The schema validators do not look for them (the generated code allows any extra
 * property), so they are found through fabric8's typed model, which is generated from the same
 * Kubernetes OpenAPI document (and from Gateway API's types) and keeps what it does not know in
 * "additional properties". Kinds without a typed model (Istio, SMI, Prometheus Operator) are not
 * checked for unknown fields: their API servers would prune them.
 */
public final class UnknownFields {

    private UnknownFields() {}

    /** The undeclared fields of this object, as the API server's paths; empty when there are none or no typed model. */
    public static List<String> of(JsonNode object) {
        KubernetesResource typed;
        try {
            typed = Serialization.unmarshal(object.toString(), KubernetesResource.class);
        } catch (RuntimeException e) {
            // A value of the wrong type: the schema names it precisely, so leave it to the schema.
            return List.of();
        }
        if (typed instanceof GenericKubernetesResource) {
            return List.of();
        }
        List<String> unknown = new ArrayList<>();
        walk(typed, "", unknown);
        return unknown;
    }

    private static void walk(Object value, String path, List<String> unknown) {
        if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    walk(item, path + "[" + i++ + "]", unknown);
                }
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> walk(v, path + "." + k, unknown));
            }
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> fields) {
                    fields.keySet().forEach(field -> unknown.add(join(path, String.valueOf(field))));
                }
            } else {
                walk(child, join(path, decapitalize(getter.getName().substring(3))), unknown);
            }
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
