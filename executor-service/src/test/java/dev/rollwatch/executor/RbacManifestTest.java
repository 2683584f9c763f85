package dev.rollwatch.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The executor's RBAC grants what its code uses, and nothing dangerous. */
class RbacManifestTest {

    private static final Path MANIFEST = Path.of("..", "deploy", "kubernetes", "base", "rbac", "executor-service.yaml");

    /** group/resource:verb for every call the executor makes (Workloads and the routers). */
    private static final Set<String> USED = Set.of(
            "apps/deployments:get",
            "apps/deployments:create",
            "apps/deployments:update",
            "/services:get",
            "/services:create",
            "/services:update",
            "networking.k8s.io/ingresses:get",
            "networking.k8s.io/ingresses:create",
            "networking.k8s.io/ingresses:update",
            "networking.istio.io/virtualservices:get",
            "networking.istio.io/virtualservices:update",
            "gateway.networking.k8s.io/httproutes:get",
            "gateway.networking.k8s.io/httproutes:update",
            "split.smi-spec.io/trafficsplits:get",
            "split.smi-spec.io/trafficsplits:create",
            "split.smi-spec.io/trafficsplits:update");

    @Test
    void grantsExactlyWhatTheExecutorUsesWithoutSecretsDeletesOrWildcards() throws IOException {
        List<PolicyRule> rules = clusterRole().getRules();
        Set<String> granted = new HashSet<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        granted.add(group + "/" + resource + ":" + verb);
                    }
                }
            }
        }

        assertThat(granted).containsExactlyInAnyOrderElementsOf(USED);
        assertThat(granted)
                .noneMatch(g -> g.contains("*")
                        || g.contains("secrets")
                        || g.endsWith(":delete")
                        || g.endsWith(":deletecollection"));
    }

    private static ClusterRole clusterRole() throws IOException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        return Arrays.stream(Files.readString(MANIFEST).split("(?m)^---$"))
                .filter(doc -> doc.contains("kind: ClusterRole\n"))
                .map(doc -> serialization.unmarshal(doc, ClusterRole.class))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ClusterRole in " + MANIFEST));
    }
}
