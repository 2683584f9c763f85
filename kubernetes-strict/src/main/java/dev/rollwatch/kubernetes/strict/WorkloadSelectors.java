package dev.rollwatch.kubernetes.strict;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the API server's validation of the workload controllers adds to their schema, for the selector:
 * it may not be empty, and it must select the pod template's labels (or the controller would never own
 * its own pods). The schema cannot say this; a canary whose template lost the track label fails here
 * as on a real cluster.
 */
final class WorkloadSelectors {

    private static final Set<String> WORKLOADS =
            Set.of("apps/v1/Deployment", "apps/v1/ReplicaSet", "apps/v1/StatefulSet", "apps/v1/DaemonSet");

    private WorkloadSelectors() {}

    static List<FieldError> violations(JsonNode object) {
        if (!WORKLOADS.contains(
                object.path("apiVersion").asText() + "/" + object.path("kind").asText())) {
            return List.of();
        }
        JsonNode selector = object.at("/spec/selector");
        if (!selector.isObject()) {
            return List.of(); // a missing or mistyped selector is the schema's to report
        }
        JsonNode labels = object.at("/spec/template/metadata/labels");
        List<FieldError> errors = new ArrayList<>();
        if (selector.path("matchLabels").isEmpty()
                && selector.path("matchExpressions").isEmpty()) {
            errors.add(FieldError.invalid(
                    "spec.selector",
                    "Invalid value: " + selector + ": empty selector is invalid for "
                            + object.path("kind").asText().toLowerCase()));
        } else if (!selects(selector, labels)) {
            errors.add(FieldError.invalid(
                    "spec.template.metadata.labels",
                    "Invalid value: " + labels + ": `selector` does not match template `labels`"));
        }
        return errors;
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        var matchLabels = selector.path("matchLabels").properties().iterator();
        while (matchLabels.hasNext()) {
            var label = matchLabels.next();
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            Set<String> values = new HashSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean has = labels.has(key);
            String value = labels.path(key).asText(null);
            boolean matches = switch (expression.path("operator").asText()) {
                case "In" -> has && values.contains(value);
                case "NotIn" -> !has || !values.contains(value);
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }
}
