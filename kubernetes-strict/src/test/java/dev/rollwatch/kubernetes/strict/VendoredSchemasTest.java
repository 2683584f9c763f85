package dev.rollwatch.kubernetes.strict;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The vendored validators are those tools/kubernetes-schemas names, and they look at what they are given. */
class VendoredSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TOOL = Path.of("..", "tools", "kubernetes-schemas");

    private static JsonNode manifest() throws IOException {
        try (InputStream in = VendoredSchemas.resource("kubernetes-schemas.json")) {
            return JSON.readTree(in);
        }
    }

    @Test
    void theVendoredKindsAndVersionsAreThoseTheToolNames() throws IOException {
        JsonNode kinds = JSON.readTree(TOOL.resolve("kinds.json").toFile());
        JsonNode packageJson = JSON.readTree(TOOL.resolve("package.json").toFile());
        JsonNode manifest = manifest();

        Set<String> wanted = new TreeSet<>();
        kinds.properties().forEach(entry -> {
            assertThat(manifest.at("/packages").path(entry.getKey()).asText())
                    .as("version of " + entry.getKey() + " vendored (run npm run vendor after changing it)")
                    .isEqualTo(packageJson
                            .path("dependencies")
                            .path(entry.getKey())
                            .asText());
            entry.getValue().forEach(kind -> wanted.add(entry.getKey() + " " + kind.asText()));
        });
        Set<String> vendored = new TreeSet<>();
        manifest.path("kinds")
                .forEach(kind -> vendored.add(kind.path("package").asText() + " "
                        + kind.path("apiVersion").asText() + "/"
                        + kind.path("kind").asText()));
        assertThat(vendored).isEqualTo(wanted);
    }

    @Test
    void aValidObjectPassesAndABrokenOneIsRefusedWithItsPath() {
        try (VendoredSchemas schemas = VendoredSchemas.start()) {
            ObjectNode configMap =
                    JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
            configMap.putObject("metadata").put("name", "settings");
            configMap.putObject("data").put("mode", "canary");
            assertThat(schemas.validate(configMap)).isEmpty();

            ((ObjectNode) configMap.get("data")).put("replicas", 3);

            assertThat(schemas.validate(configMap))
                    .extracting(FieldError::toString)
                    .containsExactly("data.replicas: Invalid value: must be of type string");
        }
    }

    @Test
    void aKindWithoutSchemaIsNotValidated() {
        try (VendoredSchemas schemas = VendoredSchemas.start()) {
            ObjectNode topic = JSON.createObjectNode()
                    .put("apiVersion", "kafka.strimzi.io/v1beta2")
                    .put("kind", "KafkaTopic");

            assertThat(schemas.knows("kafka.strimzi.io/v1beta2", "KafkaTopic")).isFalse();
            assertThat(schemas.validate(topic)).isEmpty();
        }
    }
}
