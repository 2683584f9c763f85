package dev.rollwatch.rollback;

import dev.rollwatch.security.testing.TestApiKeys;
import dev.rollwatch.testing.KafkaTestResource;
import dev.rollwatch.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real parts every rollback-service test runs against: Kafka, PostgreSQL and the configured API
 * keys. Declared once here; Quarkus applies unrestricted test resources to every test. (The
 * Kubernetes mock API server is declared on each test class, as {@code @WithKubernetesTestServer}
 * requires.)
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TestApiKeys.class)
public final class RollbackServiceTestResources {

    private RollbackServiceTestResources() {}
}
