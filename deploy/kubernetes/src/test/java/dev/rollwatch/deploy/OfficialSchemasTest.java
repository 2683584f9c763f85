package dev.rollwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.kubernetes.strict.StrictValidation;
import dev.rollwatch.kubernetes.strict.VendoredSchemas;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rendered object held to the official schema of its kind, as the strict simulated API server
 * holds what Rollwatch writes: the Kubernetes OpenAPI document for built-in kinds, the Prometheus
 * Operator's CRDs for the alert rules and the ServiceMonitor (see tools/kubernetes-schemas). Strimzi's
 * KafkaTopic and KafkaUser have no vendored schema (no registry package carries Strimzi's CRDs):
 * {@link KafkaSecurityManifestsTest} checks what they must say.
 */
class OfficialSchemasTest {

    private static VendoredSchemas schemas;
    private static StrictValidation validation;

    @BeforeAll
    static void start() {
        schemas = VendoredSchemas.start();
        validation = new StrictValidation(Optional.of(schemas));
    }

    @AfterAll
    static void stop() {
        schemas.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyRenderedObjectFitsTheOfficialSchemaOfItsKind(String overlay) {
        RenderedManifests.render(overlay).objects().stream()
                .filter(validation::covers)
                .forEach(o -> assertThat(validation.problems(o))
                        .as(KubernetesSchema.describe(o))
                        .isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void onlyStrimzisKindsGoWithoutASchema(String overlay) {
        Set<String> uncovered = new TreeSet<>();
        RenderedManifests.render(overlay).objects().stream()
                .filter(o -> !validation.covers(o))
                .forEach(o -> uncovered.add(
                        o.path("apiVersion").asText() + "/" + o.path("kind").asText()));

        assertThat(uncovered).containsOnly("kafka.strimzi.io/v1beta2/KafkaTopic", "kafka.strimzi.io/v1beta2/KafkaUser");
    }

    @Test
    void aRenderedDeploymentWithoutItsSelectorIsRefused() {
        ObjectNode deployment = (ObjectNode) RenderedManifests.render("staging")
                .ofKind("Deployment")
                .findFirst()
                .orElseThrow()
                .deepCopy();
        ((ObjectNode) deployment.get("spec")).remove("selector");

        assertThat(validation.problems(deployment)).containsExactly("spec.selector: Required value");
    }

    @Test
    void anAlertRuleWithoutItsExpressionIsRefusedByThePrometheusOperatorsSchema() {
        JsonNode rules = RenderedManifests.render("staging")
                .ofKind("PrometheusRule")
                .findFirst()
                .orElseThrow()
                .deepCopy();
        ObjectNode firstRule = (ObjectNode) ((ArrayNode) rules.at("/spec/groups/0/rules")).get(0);
        firstRule.remove("expr");

        assertThat(validation.problems(rules)).containsExactly("spec.groups[0].rules[0].expr: Required value");
    }

    @Test
    void aNetworkPolicySelectorOfTheWrongTypeIsRefused() {
        ObjectNode policy = (ObjectNode) RenderedManifests.render("staging")
                .ofKind("NetworkPolicy")
                .findFirst()
                .orElseThrow()
                .deepCopy();
        ((ObjectNode) policy.get("spec")).put("podSelector", "app=executor-service");

        assertThat(validation.problems(policy)).contains("spec.podSelector: Invalid value: must be of type object");
    }
}
