package dev.rollwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The overlays render, every object fits the Kubernetes schema, and the rules we promise hold. */
class ManifestsTest {

    private static final Set<String> CUSTOM_KINDS =
            Set.of("KafkaTopic", "KafkaUser", "ServiceMonitor", "PrometheusRule");
    private static final List<String> SERVICES = List.of(
            "release-service", "executor-service", "health-monitor-service", "rollback-service", "notifier-service");

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void everyBuiltInObjectFitsTheKubernetesSchema(String overlay) {
        RenderedManifests rendered = RenderedManifests.render(overlay);

        assertThat(rendered.objects()).isNotEmpty();
        rendered.objects().stream()
                .filter(o -> !CUSTOM_KINDS.contains(o.path("kind").asText()))
                .forEach(o -> assertThat(KubernetesSchema.violations(o))
                        .as(KubernetesSchema.describe(o))
                        .isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void everyServiceRunsRestrictedWithProbesAndResources(String overlay) {
        RenderedManifests rendered = RenderedManifests.render(overlay);

        for (String service : SERVICES) {
            JsonNode pod = rendered.named("Deployment", service).at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean())
                    .as(service)
                    .isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText())
                    .as(service)
                    .isEqualTo("RuntimeDefault");
            assertThat(pod.at("/serviceAccountName").asText()).as(service).isEqualTo(service);
            JsonNode container = pod.at("/containers/0");
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                    .as(service)
                    .isTrue();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true))
                    .as(service)
                    .isFalse();
            assertThat(container.at("/securityContext/capabilities/drop/0").asText())
                    .as(service)
                    .isEqualTo("ALL");
            assertThat(container.at("/readinessProbe/httpGet/path").asText())
                    .as(service)
                    .isEqualTo("/q/health/ready");
            assertThat(container.at("/livenessProbe/httpGet/path").asText())
                    .as(service)
                    .isEqualTo("/q/health/live");
            assertThat(container.at("/resources/requests/memory").asText())
                    .as(service)
                    .isNotEmpty();
            assertThat(container.at("/resources/limits/memory").asText())
                    .as(service)
                    .isNotEmpty();
            rendered.named("ServiceAccount", service);
            rendered.named("PodDisruptionBudget", service);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void secretsAreReferencedNeverInlined(String overlay) {
        RenderedManifests rendered = RenderedManifests.render(overlay);

        assertThat(rendered.ofKind("Secret")).isEmpty();
        rendered.ofKind("Deployment")
                .forEach(d -> StreamSupport.stream(
                                d.at("/spec/template/spec/containers/0/env").spliterator(), false)
                        .filter(env -> env.at("/name").asText().matches("(?i).*(password|token|secret|webhook).*"))
                        .forEach(env -> assertThat(
                                        env.at("/valueFrom/secretKeyRef/name").asText())
                                .as(KubernetesSchema.describe(d) + " "
                                        + env.at("/name").asText())
                                .isNotEmpty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void everyServiceWithAnApiReadsItsKeysFromTheApiKeysSecret(String overlay) {
        RenderedManifests rendered = RenderedManifests.render(overlay);

        for (String service : List.of("release-service", "health-monitor-service", "rollback-service")) {
            JsonNode pod = rendered.named("Deployment", service).at("/spec/template/spec");
            JsonNode container = pod.at("/containers/0");
            assertThat(StreamSupport.stream(container.at("/env").spliterator(), false)
                            .filter(env -> env.at("/name").asText().equals("QUARKUS_CONFIG_LOCATIONS"))
                            .map(env -> env.at("/value").asText()))
                    .as(service)
                    .containsExactly("/etc/rollwatch/api-keys/api-keys.properties");
            assertThat(StreamSupport.stream(container.at("/volumeMounts").spliterator(), false)
                            .filter(mount -> mount.at("/name").asText().equals("api-keys"))
                            .map(mount -> mount.at("/mountPath").asText()))
                    .as(service)
                    .containsExactly("/etc/rollwatch/api-keys");
            assertThat(StreamSupport.stream(pod.at("/volumes").spliterator(), false)
                            .filter(volume -> volume.at("/name").asText().equals("api-keys"))
                            .map(volume -> volume.at("/secret/secretName").asText()))
                    .as(service)
                    .containsExactly("rollwatch-api-keys");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void noRoleGrantsSecretsOrDeletes(String overlay) {
        RenderedManifests rendered = RenderedManifests.render(overlay);

        java.util.stream.Stream.concat(rendered.ofKind("Role"), rendered.ofKind("ClusterRole"))
                .forEach(role -> role.path("rules").forEach(rule -> {
                    assertThat(rule.path("resources").toString())
                            .as(KubernetesSchema.describe(role))
                            .doesNotContain("secrets")
                            .doesNotContain("\"*\"");
                    assertThat(rule.path("verbs").toString())
                            .as(KubernetesSchema.describe(role))
                            .doesNotContain("delete")
                            .doesNotContain("\"*\"");
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void everyBindingGrantsAnExistingRoleToAnExistingServiceAccount(String overlay) {
        RenderedManifests rendered = RenderedManifests.render(overlay);
        String rollwatchNamespace = rendered.ofKind("Namespace")
                .findFirst()
                .orElseThrow()
                .at("/metadata/name")
                .asText();

        List<JsonNode> bindings = rendered.ofKind("RoleBinding").toList();
        assertThat(bindings)
                .extracting(b -> b.at("/roleRef/name").asText())
                .containsExactlyInAnyOrder(
                        "rollwatch-executor", "rollwatch-health-monitor-pod-reader", "rollwatch-rollback-verifier");
        bindings.forEach(binding -> {
            rendered.named("ClusterRole", binding.at("/roleRef/name").asText());
            JsonNode subject = binding.at("/subjects/0");
            assertThat(subject.at("/namespace").asText())
                    .as(KubernetesSchema.describe(binding))
                    .isEqualTo(rollwatchNamespace);
            rendered.named("ServiceAccount", subject.at("/name").asText());
            assertThat(binding.at("/metadata/namespace").asText()).isNotEqualTo(rollwatchNamespace);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void trafficIsDeniedUnlessAllowed(String overlay) {
        JsonNode deny = RenderedManifests.render(overlay).named("NetworkPolicy", "rollwatch-default-deny");

        assertThat(deny.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
        assertThat(deny.at("/spec/ingress").isMissingNode()).isTrue();
        assertThat(deny.at("/spec/egress").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void everyTopicIsDefinedAndStatusIsCompacted(String overlay) {
        RenderedManifests rendered = RenderedManifests.render(overlay);
        List<String> topics = rendered.ofKind("KafkaTopic")
                .map(t -> t.at("/spec/topicName").asText())
                .toList();

        assertThat(topics)
                .contains(
                        "release.requested",
                        "step.completed",
                        "health.degraded",
                        "rollback.triggered",
                        "release.status",
                        "release.commands",
                        "health.warning",
                        "health.passed",
                        "rollback.notice",
                        "step.completed.dlq",
                        "health.passed.dlq",
                        "notifications.dlq");
        assertThat(rendered.named("KafkaTopic", "release-status")
                        .at("/spec/config/cleanup.policy")
                        .asText())
                .isEqualTo("compact");
        rendered.ofKind("KafkaTopic").forEach(t -> {
            assertThat(t.at("/metadata/labels/strimzi.io~1cluster").asText()).isNotEmpty();
            assertThat(t.at("/spec/partitions").asInt()).isPositive();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void prometheusScrapesEveryServiceAndGrafanaGetsTheDashboard(String overlay) {
        RenderedManifests rendered = RenderedManifests.render(overlay);

        JsonNode monitor = rendered.named("ServiceMonitor", "rollwatch");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        for (String service : SERVICES) {
            assertThat(rendered.named("Service", service)
                            .at("/metadata/labels/app.kubernetes.io~1part-of")
                            .asText())
                    .isEqualTo("rollwatch");
        }
        JsonNode dashboard = rendered.named("ConfigMap", "rollwatch-grafana-dashboard");
        assertThat(dashboard.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        assertThat(dashboard.at("/data/rollwatch.json").asText())
                .contains("Releases in flight", "Time to detect", "Time to rollback");
    }

    /**
     * No fabric8 model of the Prometheus Operator's CRDs is available to this build, so the rules are held
     * to the fields the operator and Alertmanager act on. Whether their queries are served is checked
     * against a running system (system-tests' MonitoringCoverageCheck).
     */
    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void prometheusAlertsOnTheTargetsWithSeverityADelayAndAnExplanation(String overlay) {
        JsonNode rule = RenderedManifests.render(overlay).named("PrometheusRule", "rollwatch");

        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        List<JsonNode> groups = StreamSupport.stream(rule.at("/spec/groups").spliterator(), false)
                .toList();
        assertThat(groups)
                .allSatisfy(group -> assertThat(group.path("name").asText()).isNotEmpty());
        List<JsonNode> alerts = groups.stream()
                .flatMap(group -> StreamSupport.stream(group.path("rules").spliterator(), false))
                .toList();
        assertThat(alerts)
                .extracting(a -> a.path("alert").asText())
                .containsExactlyInAnyOrder(
                        "RollwatchDetectionSlowerThan5Minutes",
                        "RollwatchRestoreOverdue",
                        "RollwatchRestoreFailed",
                        "RollwatchRestoreSlowerThan15Minutes",
                        "RollwatchOutboxLagging",
                        "RollwatchOutboxStuck",
                        "RollwatchEventsDeadLettered",
                        "RollwatchNotificationsDeadLettered");
        for (JsonNode alert : alerts) {
            String name = alert.path("alert").asText();
            assertThat(alert.path("expr").asText()).as(name).isNotBlank();
            assertThat(alert.path("for").asText()).as(name).matches("[0-9]+[smh]");
            assertThat(alert.at("/labels/severity").asText()).as(name).isIn("warning", "critical");
            assertThat(alert.at("/annotations/summary").asText()).as(name).isNotBlank();
            assertThat(alert.at("/annotations/description").asText()).as(name).isNotBlank();
            assertThat(alert.fieldNames())
                    .toIterable()
                    .as(name + ": only fields the operator's Rule knows")
                    .isSubsetOf("alert", "expr", "for", "keep_firing_for", "labels", "annotations");
        }
    }
}
