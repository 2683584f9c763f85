package dev.rollwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollwatch.events.access.KafkaAccess;
import dev.rollwatch.events.access.KafkaAccess.Grant;
import dev.rollwatch.events.access.KafkaAccess.PatternType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka and the network as the overlays install them: each service's KafkaUser holds exactly the access
 * table's ACLs (and nothing else), each service logs in as its own user over TLS, and the network
 * policies let Rollwatch's pods reach only what they need and let only Rollwatch's pods reach Kafka and
 * PostgreSQL.
 */
class KafkaSecurityManifestsTest {

    private static final List<String> SERVICES = List.of(
            "release-service", "executor-service", "health-monitor-service", "rollback-service", "notifier-service");

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void eachServicesKafkaUserHoldsExactlyTheAccessTablesAcls(String overlay) {
        RenderedManifests rendered = RenderedManifests.render(overlay);
        KafkaAccess access = KafkaAccess.standard();

        assertThat(rendered.ofKind("KafkaUser").map(u -> u.at("/metadata/name").asText()))
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        for (KafkaAccess.Principal principal : access.principals()) {
            JsonNode user = rendered.named("KafkaUser", principal.name());
            assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
            assertThat(user.at("/spec/authorization/type").asText()).isEqualTo("simple");
            Set<String> acls = new TreeSet<>();
            user.at("/spec/authorization/acls").forEach(acl -> {
                assertThat(acl.at("/host").asText("*")).isEqualTo("*");
                acl.at("/operations")
                        .forEach(op -> acls.add(acl.at("/resource/type").asText() + " "
                                + acl.at("/resource/name").asText() + " "
                                + acl.at("/resource/patternType").asText("literal") + " " + op.asText()));
            });
            Set<String> expected = new TreeSet<>();
            for (Grant grant : principal.grants()) {
                expected.add(grant.resourceType().name().toLowerCase() + " " + grant.name() + " "
                        + (grant.patternType() == PatternType.PREFIXED ? "prefix" : "literal") + " "
                        + capitalised(grant.operation().name()));
            }
            assertThat(acls).as(principal.name()).isEqualTo(expected);
        }
        String cluster = overlay.equals("production") ? "rollwatch" : "rollwatch-staging";
        rendered.ofKind("KafkaUser")
                .forEach(u -> assertThat(
                                u.at("/metadata/labels/strimzi.io~1cluster").asText())
                        .isEqualTo(cluster));
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void eachServiceLogsInAsItsOwnUserOverTls(String overlay) {
        RenderedManifests rendered = RenderedManifests.render(overlay);
        JsonNode config = rendered.named("ConfigMap", "rollwatch-config").at("/data");
        assertThat(config.at("/ROLLWATCH_KAFKA_BOOTSTRAP_SERVERS").asText()).endsWith(":9093");
        assertThat(config.at("/ROLLWATCH_KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
        assertThat(config.at("/ROLLWATCH_KAFKA_SASL_MECHANISM").asText()).isEqualTo("SCRAM-SHA-512");
        assertThat(config.at("/ROLLWATCH_KAFKA_SSL_TRUSTSTORE_LOCATION").asText())
                .isNotBlank();
        for (String service : SERVICES) {
            JsonNode container = rendered.named("Deployment", service).at("/spec/template/spec/containers/0");
            JsonNode username = env(container, "ROLLWATCH_KAFKA_USERNAME");
            JsonNode password = env(container, "ROLLWATCH_KAFKA_PASSWORD");
            assertThat(username.at("/value").asText()).as(service).isEqualTo(service);
            assertThat(password.at("/valueFrom/secretKeyRef/name").asText())
                    .as(service + " reads the Secret Strimzi writes for its user")
                    .isEqualTo(service);
            assertThat(password.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("password");
            assertThat(password.has("value")).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void rollwatchReachesOnlyKafkasTlsListenerAndTheApiServer(String overlay) {
        RenderedManifests rendered = RenderedManifests.render(overlay);
        JsonNode platform = rendered.named("NetworkPolicy", "rollwatch-platform");
        JsonNode kafka = StreamSupport.stream(platform.at("/spec/egress").spliterator(), false)
                .filter(rule -> rule.toString().contains("\"kafka\""))
                .findFirst()
                .orElseThrow();
        assertThat(kafka.at("/ports/0/port").asInt()).isEqualTo(9093);
        assertThat(kafka.at("/to/0/podSelector/matchLabels/strimzi.io~1kind").asText())
                .isEqualTo("Kafka");

        JsonNode api = rendered.named("NetworkPolicy", "rollwatch-kubernetes-api");
        assertThat(api.at("/spec/egress")).allSatisfy(rule -> {
            assertThat(rule.at("/to")).as("443/6443 only to the API server").isNotEmpty();
            rule.at("/to").forEach(to -> {
                String cidr = to.at("/ipBlock/cidr").asText();
                assertThat(cidr).as("an ipBlock of the API server").isNotBlank();
                assertThat(cidr).as("KUBERNETES_API_CIDR set by the overlay").isNotEqualTo("192.0.2.1/32");
                assertThat(Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1)))
                        .as("the API server, not a network")
                        .isGreaterThanOrEqualTo(24);
            });
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void theHealthMonitorReachesOnlyPrometheusAndTheReleaseNamespacesMetricsPorts(String overlay) {
        RenderedManifests rendered = RenderedManifests.render(overlay);
        List<JsonNode> rules = new ArrayList<>();
        rendered.ofKind("NetworkPolicy")
                .filter(p -> p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name")
                        .asText()
                        .equals("health-monitor-service"))
                .filter(p -> !p.at("/metadata/name").asText().equals("rollwatch-kubernetes-api"))
                .forEach(p -> p.at("/spec/egress").forEach(rules::add));
        assertThat(rules).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.at("/ports")).as("a port, never all of them").isNotEmpty();
            assertThat(rule.at("/to")).isNotEmpty();
            rule.at("/to").forEach(to -> {
                assertThat(to.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                                .asText())
                        .as("one named namespace, never every namespace")
                        .isNotBlank();
                assertThat(to.has("ipBlock")).isFalse();
            });
        });
        assertThat(rules).anySatisfy(rule -> assertThat(rule.toString()).contains("monitoring", "prometheus"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void theNotifierNeverReachesPrivateOrCarrierGradeNatAddresses(String overlay) {
        JsonNode notifier = RenderedManifests.render(overlay).named("NetworkPolicy", "notifier-outbound-https");
        assertThat(notifier.at("/spec/egress/0/to/0/ipBlock/except").toString())
                .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10");
    }

    @org.junit.jupiter.api.Test
    void kafkaAndPostgresAdmitOnlyRollwatchPodsAndDenyWhatNoAclGrants() throws IOException {
        List<JsonNode> kafka =
                RenderedManifests.parse(Files.readString(Path.of("platform/kafka.yaml"), StandardCharsets.UTF_8));
        JsonNode cluster = kafka.stream()
                .filter(o -> o.path("kind").asText().equals("Kafka"))
                .findFirst()
                .orElseThrow();
        JsonNode listeners = cluster.at("/spec/kafka/listeners");
        assertThat(listeners).hasSize(1);
        JsonNode tls = listeners.get(0);
        assertThat(tls.at("/port").asInt()).isEqualTo(9093);
        assertThat(tls.at("/tls").asBoolean()).isTrue();
        assertThat(tls.at("/authentication/type").asText()).isEqualTo("scram-sha-512");
        assertThat(tls.at("/networkPolicyPeers/0/podSelector/matchLabels/app.kubernetes.io~1part-of")
                        .asText())
                .isEqualTo("rollwatch");
        assertThat(cluster.at("/spec/kafka/authorization/type").asText()).isEqualTo("simple");
        assertThat(cluster.at("/spec/kafka/authorization/superUsers").isMissingNode())
                .isTrue();
        assertThat(cluster.at("/spec/kafka/config/allow.everyone.if.no.acl.found")
                        .asBoolean(true))
                .isFalse();

        JsonNode postgres = RenderedManifests.parse(
                        Files.readString(Path.of("platform/postgres-network-policy.yaml"), StandardCharsets.UTF_8))
                .get(0);
        assertThat(postgres.at("/spec/ingress")).hasSize(1);
        assertThat(postgres.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1part-of")
                        .asText())
                .isEqualTo("rollwatch");
        assertThat(postgres.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(5432);
    }

    private static JsonNode env(JsonNode container, String name) {
        return StreamSupport.stream(container.at("/env").spliterator(), false)
                .filter(e -> e.at("/name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    private static String capitalised(String operation) {
        return operation.charAt(0) + operation.substring(1).toLowerCase();
    }
}
