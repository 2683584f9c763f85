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
    /** The container port of health, metrics and the API document (Quarkus' management interface). */
    private static final String MANAGEMENT = "management";

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

    /**
     * Health, metrics and the API document are served on the management port only (the services'
     * {@code quarkus.management} settings, proven by the release-service's ManagementInterfaceIT): the
     * container must listen there, and the kubelet must probe there.
     */
    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void everyServiceIsProbedOnAManagementPortApartFromItsApiPort(String overlay) {
        RenderedManifests rendered = RenderedManifests.render(overlay);

        for (String service : SERVICES) {
            JsonNode container = rendered.named("Deployment", service).at("/spec/template/spec/containers/0");
            int api = containerPort(container, "http");
            int management = containerPort(container, MANAGEMENT);
            assertThat(management).as(service).isNotEqualTo(api);
            assertThat(env(container, "ROLLWATCH_HTTP_PORT")).as(service).isEqualTo(Integer.toString(api));
            assertThat(env(container, "ROLLWATCH_MANAGEMENT_PORT"))
                    .as(service + ": where the service listens for management")
                    .isEqualTo(Integer.toString(management));
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(container.at("/" + probe + "/httpGet/port").asText())
                        .as(service + " " + probe)
                        .isEqualTo(MANAGEMENT);
            }
        }
    }

    /**
     * The management port answers without a key (metrics, health, the API document): only Prometheus, from
     * the monitoring namespace, may reach it. The release API's policy admits anyone, so it must name the
     * API port alone; any rule naming no port would admit the management port too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void onlyTheMonitoringNamespaceReachesTheManagementPortAndTheApiPolicyOnlyTheApiPort(String overlay) {
        RenderedManifests rendered = RenderedManifests.render(overlay);
        Set<String> managementPorts = Set.of(
                MANAGEMENT,
                Integer.toString(containerPort(
                        rendered.named("Deployment", "release-service").at("/spec/template/spec/containers/0"),
                        MANAGEMENT)));

        rendered.ofKind("NetworkPolicy")
                .forEach(policy -> policy.at("/spec/ingress").forEach(rule -> {
                    String where = KubernetesSchema.describe(policy) + " " + rule;
                    List<String> ports = ports(rule);
                    assertThat(ports).as(where + " names its ports").isNotEmpty();
                    if (ports.stream().anyMatch(managementPorts::contains)) {
                        assertThat(ports).as(where).containsExactly(MANAGEMENT);
                        assertThat(rule.at("/from")).as(where).hasSize(1);
                        assertThat(rule.at("/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                                        .asText())
                                .as(where)
                                .isEqualTo("monitoring");
                    }
                }));
        JsonNode api = rendered.named("NetworkPolicy", "release-service-api");
        assertThat(StreamSupport.stream(api.at("/spec/ingress").spliterator(), false)
                        .flatMap(rule -> ports(rule).stream()))
                .as("release-service-api admits anyone: the API port only")
                .containsExactly("http");
        JsonNode platform = rendered.named("NetworkPolicy", "rollwatch-platform");
        assertThat(StreamSupport.stream(platform.at("/spec/ingress").spliterator(), false)
                        .flatMap(rule -> ports(rule).stream()))
                .as("Prometheus scrapes the management port only")
                .containsExactly(MANAGEMENT);
    }

    private static int containerPort(JsonNode container, String name) {
        return StreamSupport.stream(container.at("/ports").spliterator(), false)
                .filter(port -> port.path("name").asText().equals(name))
                .map(port -> port.path("containerPort").asInt())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    private static String env(JsonNode container, String name) {
        return StreamSupport.stream(container.at("/env").spliterator(), false)
                .filter(variable -> variable.path("name").asText().equals(name))
                .map(variable -> variable.path("value").asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no environment variable " + name));
    }

    private static List<String> ports(JsonNode ingressRule) {
        return StreamSupport.stream(ingressRule.path("ports").spliterator(), false)
                .map(port -> port.path("port").asText())
                .toList();
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
        assertThat(monitor.at("/spec/endpoints")).hasSize(1);
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(monitor.at("/spec/endpoints/0/port").asText())
                .as("metrics are served on the management port only")
                .isEqualTo(MANAGEMENT);
        for (String service : SERVICES) {
            JsonNode kubernetesService = rendered.named("Service", service);
            assertThat(kubernetesService
                            .at("/metadata/labels/app.kubernetes.io~1part-of")
                            .asText())
                    .isEqualTo("rollwatch");
            assertThat(StreamSupport.stream(kubernetesService.at("/spec/ports").spliterator(), false)
                            .filter(port -> port.path("name").asText().equals(MANAGEMENT))
                            .map(port -> port.path("targetPort").asText()))
                    .as(service + ": the Service port the ServiceMonitor scrapes")
                    .containsExactly(MANAGEMENT);
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
                        "RollwatchNotificationsDeadLettered",
                        "RollwatchEventsParked");
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

    /**
     * A parked event holds its release until it applies or an operator acts: the rule waits out more than
     * the replays' 10-minute cap (a queue that clears on its own pages nobody), reads the gauge with
     * {@code max} (every instance reports the same figure: a sum would count it once per replica), and
     * tells the operator what parked means and how to replay or discard.
     */
    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void parkedEventsAlertOnceTheyOutlastTheReplaysAndSayHowToResolveThem(String overlay) {
        JsonNode rule = RenderedManifests.render(overlay).named("PrometheusRule", "rollwatch");
        JsonNode alert = StreamSupport.stream(rule.at("/spec/groups").spliterator(), false)
                .flatMap(group -> StreamSupport.stream(group.path("rules").spliterator(), false))
                .filter(a -> a.path("alert").asText().equals("RollwatchEventsParked"))
                .findFirst()
                .orElseThrow();

        assertThat(alert.path("expr").asText().replaceAll("\\s+", " ").trim())
                .isEqualTo("max by (service, topic) (rollwatch_events_parked) > 0");
        assertThat(minutes(alert.path("for").asText())).isGreaterThan(10);
        assertThat(alert.at("/labels/severity").asText()).isEqualTo("critical");
        assertThat(alert.at("/annotations/summary").asText()).contains("{{ $labels.service }}", "{{ $labels.topic }}");
        assertThat(alert.at("/annotations/description").asText())
                .contains("ParkedEventsTool list", "replay <event-id>", "discard <event-id>", "log");
    }

    private static long minutes(String prometheusDuration) {
        long amount = Long.parseLong(prometheusDuration.substring(0, prometheusDuration.length() - 1));
        return switch (prometheusDuration.charAt(prometheusDuration.length() - 1)) {
            case 's' -> amount / 60;
            case 'm' -> amount;
            case 'h' -> amount * 60;
            default -> throw new AssertionError("not a duration in s, m or h: " + prometheusDuration);
        };
    }
}
