package dev.rollwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

/** The schema check itself catches what it must. */
class KubernetesSchemaTest {

    private static JsonNode yaml(String text) throws Exception {
        return new YAMLMapper().readTree(text);
    }

    @Test
    void aValidDeploymentHasNoViolations() throws Exception {
        assertThat(KubernetesSchema.violations(yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: nginx:1.27, securityContext: {readOnlyRootFilesystem: true}}]
                """))).isEmpty();
    }

    @Test
    void aMisspeltFieldDeepInsideIsReportedWithItsPath() throws Exception {
        assertThat(KubernetesSchema.violations(yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    spec:
                      containers: [{name: web, image: nginx:1.27, securityContext: {readOnlyRootFileSystem: true}}]
                """)))
                .singleElement()
                .asString()
                .contains("Deployment/web.spec.template.spec.containers[0].securityContext")
                .contains("readOnlyRootFileSystem");
    }

    @Test
    void aWrongTypeIsReported() throws Exception {
        assertThat(KubernetesSchema.violations(yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {ports: [{port: eighty}]}
                """))).isNotEmpty();
    }
}
