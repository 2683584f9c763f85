package dev.rollwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollwatch.kubernetes.strict.UnknownFields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/**
 * Holds an object to the Kubernetes API schema as fabric8's generated model encodes it: the object
 * must map onto its typed class (wrong types fail), and no field may be unknown to the schema (a
 * misspelt field would be ignored by the API server), found as the strict simulated API server finds
 * them ({@link UnknownFields}).
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
        return UnknownFields.of(object).stream()
                .map(field -> describe(object) + "." + field + ": unknown field")
                .toList();
    }

    static String describe(JsonNode object) {
        return object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
    }
}
