package dev.rollwatch.rollback;

import dev.rollwatch.testing.KafkaTestResource;
import dev.rollwatch.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real parts every rollback-service test runs against: Kafka and PostgreSQL. Declared once here;
 * Quarkus applies unrestricted test resources to every test. (The Kubernetes mock API server is
 * declared on each test class, as {@code @WithKubernetesTestServer} requires.)
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
public final class RollbackServiceTestResources {

    private RollbackServiceTestResources() {}
}
