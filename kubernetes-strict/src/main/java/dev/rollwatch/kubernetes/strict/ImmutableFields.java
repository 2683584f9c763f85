package dev.rollwatch.kubernetes.strict;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fields an API server refuses to change once an object exists ({@code field is immutable}): the
 * label selector of the workload controllers (apps/v1 made it immutable), and a Service's cluster IP
 * once allocated (an update that leaves it empty keeps the allocated one, as the real server does).
 */
final class ImmutableFields {

    private static final Set<String> SELECTOR_IMMUTABLE =
            Set.of("apps/v1/Deployment", "apps/v1/ReplicaSet", "apps/v1/StatefulSet", "apps/v1/DaemonSet");

    private static final Map<String, String> SERVICE = Map.of("apiVersion", "v1", "kind", "Service");

    private ImmutableFields() {}

    static List<FieldError> changed(JsonNode before, JsonNode after) {
        List<FieldError> errors = new ArrayList<>();
        String type =
                after.path("apiVersion").asText() + "/" + after.path("kind").asText();
        if (SELECTOR_IMMUTABLE.contains(type) && !before.at("/spec/selector").equals(after.at("/spec/selector"))) {
            errors.add(FieldError.invalid(
                    "spec.selector", "Invalid value: " + after.at("/spec/selector") + ": field is immutable"));
        }
        if (SERVICE.get("apiVersion").equals(after.path("apiVersion").asText())
                && SERVICE.get("kind").equals(after.path("kind").asText())) {
            String allocated = before.at("/spec/clusterIP").asText("");
            String wanted = after.at("/spec/clusterIP").asText("");
            if (!allocated.isEmpty() && !wanted.isEmpty() && !allocated.equals(wanted)) {
                errors.add(
                        FieldError.invalid("spec.clusterIP", "Invalid value: \"" + wanted + "\": field is immutable"));
            }
        }
        return errors;
    }
}
