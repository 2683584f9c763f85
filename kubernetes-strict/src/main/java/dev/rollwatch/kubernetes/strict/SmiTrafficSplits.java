package dev.rollwatch.kubernetes.strict;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * SMI's TrafficSplit (split.smi-spec.io), held to the structure its specification's v1alpha2 to
 * v1alpha4 text gives: {@code spec.service} and {@code spec.backends} are required, each backend names
 * a {@code service} and has an integer {@code weight} of at least 0. Written here by hand because no
 * package of a reachable registry (npm, Maven Central, Debian) carries SMI's CRD or a schema of it; so
 * it is not the published schema, and no more of the object is checked than the specification states.
 */
final class SmiTrafficSplits {

    static final String GROUP = "split.smi-spec.io/";

    private SmiTrafficSplits() {}

    static boolean covers(JsonNode object) {
        return object.path("apiVersion").asText().startsWith(GROUP)
                && object.path("kind").asText().equals("TrafficSplit");
    }

    static List<FieldError> violations(JsonNode object) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode spec = object.path("spec");
        requireString(spec, "service", "spec.service", errors);
        JsonNode backends = spec.path("backends");
        if (backends.isMissingNode() || backends.isNull()) {
            errors.add(new FieldError("spec.backends", "FieldValueRequired", "Required value"));
        } else if (!backends.isArray()) {
            errors.add(FieldError.invalid("spec.backends", "Invalid value: must be of type array"));
        } else {
            for (int i = 0; i < backends.size(); i++) {
                JsonNode backend = backends.get(i);
                String at = "spec.backends[" + i + "]";
                requireString(backend, "service", at + ".service", errors);
                JsonNode weight = backend.path("weight");
                if (weight.isMissingNode() || weight.isNull()) {
                    errors.add(new FieldError(at + ".weight", "FieldValueRequired", "Required value"));
                } else if (!weight.canConvertToInt() || !weight.isIntegralNumber()) {
                    errors.add(FieldError.invalid(at + ".weight", "Invalid value: must be of type integer"));
                } else if (weight.asInt() < 0) {
                    errors.add(FieldError.invalid(at + ".weight", "Invalid value: must be >= 0"));
                }
            }
        }
        return errors;
    }

    private static void requireString(JsonNode parent, String name, String field, List<FieldError> errors) {
        JsonNode value = parent.path(name);
        if (value.isMissingNode()
                || value.isNull()
                || (value.isTextual() && value.asText().isEmpty())) {
            errors.add(new FieldError(field, "FieldValueRequired", "Required value"));
        } else if (!value.isTextual()) {
            errors.add(FieldError.invalid(field, "Invalid value: must be of type string"));
        }
    }
}
