package dev.rollwatch.rollback.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rollwatch.cluster.routing.Route;
import dev.rollwatch.cluster.routing.RouterKind;
import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routings;
import dev.rollwatch.cluster.routing.WeightedObject;
import dev.rollwatch.events.TrafficRouter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The deployed Role lets verification read everything it reads, and nothing more. */
class RbacManifestTest {

    private static final Path MANIFEST = Path.of("..", "deploy", "kubernetes", "base", "rbac", "rollback-service.yaml");

    private record Rule(String group, String resource, Set<String> verbs) {}

    private static List<Rule> rules() throws IOException {
        List<Rule> rules = new ArrayList<>();
        try (MappingIterator<JsonNode> docs =
                new YAMLMapper().readerFor(JsonNode.class).readValues(MANIFEST.toFile())) {
            for (JsonNode doc : docs.readAll()) {
                if (!doc.path("kind").asText().endsWith("Role")) {
                    continue;
                }
                for (JsonNode rule : doc.path("rules")) {
                    Set<String> verbs = new HashSet<>();
                    rule.path("verbs").forEach(v -> verbs.add(v.asText()));
                    for (JsonNode group : rule.path("apiGroups")) {
                        for (JsonNode resource : rule.path("resources")) {
                            rules.add(new Rule(group.asText(), resource.asText(), verbs));
                        }
                    }
                }
            }
        }
        return rules;
    }

    @Test
    void grantsOnlyReading() throws IOException {
        assertThat(rules()).isNotEmpty().allSatisfy(rule -> {
            assertThat(Set.of("get", "list", "watch")).containsAll(rule.verbs());
            assertThat(rule.resource()).isNotEqualTo("secrets").doesNotContain("*");
        });
    }

    @Test
    void coversEveryObjectTheVerificationReads() throws IOException {
        List<Rule> rules = rules();
        List<String[]> read =
                new ArrayList<>(List.of(new String[] {"apps", "deployments"}, new String[] {"", "services"}));
        // Every router's weighted object, as the contract names it at the default versions.
        Routings routings = Routings.standard();
        for (TrafficRouter.Type type : TrafficRouter.Type.values()) {
            Route route = new Route(type, "shop", "checkout", "checkout", "checkout-canary", null);
            for (WeightedObject object :
                    routings.forType(type).weightedObject(route, RouterVersions.defaults()).stream()
                            .toList()) {
                RouterKind kind = object.kind();
                read.add(new String[] {kind.group(), kind.plural()});
            }
        }
        for (String[] object : read) {
            assertThat(rules).as("read access to %s/%s", object[0], object[1]).anySatisfy(rule -> {
                assertThat(rule.group()).isEqualTo(object[0]);
                assertThat(rule.resource()).isEqualTo(object[1]);
                assertThat(rule.verbs()).contains("get");
            });
        }
    }
}
