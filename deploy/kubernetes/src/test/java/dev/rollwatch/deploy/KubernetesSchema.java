package dev.rollwatch.deploy;

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
 * Holds an object to the Kubernetes API schema as fabric8's generated model encodes it: the object
 * must map onto its typed class (wrong types fail), and no field may be unknown to the schema (a
 * misspelt field would land in the model's "additional properties" and be ignored by the API server).
 */
final class KubernetesSchema {

    private KubernetesSchema() {}

    /** Violations of the schema; empty when the object is valid. Objects of custom resources are not typed. */
    static List<String> violations(JsonNode object) {
        KubernetesResource typed;
        try {
            typed = Serialization.unmarshal(object.toString(), KubernetesResource.class);
        } catch (RuntimeException e) {
            return List.of(describe(object) + ": " + e.getMessage());
        }
        if (typed instanceof GenericKubernetesResource) {
            return List.of(describe(object) + ": no typed model for "
                    + object.path("apiVersion").asText());
        }
        List<String> violations = new ArrayList<>();
        walk(typed, describe(object), violations);
        return violations;
    }

    private static void walk(Object value, String path, List<String> violations) {
        if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    walk(item, path + "[" + i++ + "]", violations);
                }
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> walk(v, path + "." + k, violations));
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
                if (child instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    violations.add(path + ": unknown field(s) " + unknown.keySet());
                }
            } else {
                walk(child, path + "." + decapitalize(getter.getName().substring(3)), violations);
            }
        }
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

    static String describe(JsonNode object) {
        return object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
    }
}
