package dev.rollwatch.executor.it;

import dev.rollwatch.testing.KafkaTestResource;
import dev.rollwatch.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.kubernetes.client.KubernetesServerTestResource;

/**
 * The real parts every executor test runs against: Kafka, PostgreSQL and the fabric8 mock API
 * server in CRUD mode (the default of its test resource). Declared once, unrestricted, so every
 * test class shares one application start; tests isolate themselves by namespace.
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KubernetesServerTestResource.class)
public final class ExecutorTestResources {

    private ExecutorTestResources() {}
}
