package dev.rollwatch.executor.it;

import dev.rollwatch.testing.KafkaTestResource;
import dev.rollwatch.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real parts every executor test runs against: Kafka, PostgreSQL and the fabric8 mock API
 * server in CRUD mode, strict as a real API server ({@link StrictKubernetesServerTestResource}).
 * Declared once, unrestricted, so every test class shares one application start; tests isolate
 * themselves by namespace.
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(StrictKubernetesServerTestResource.class)
public final class ExecutorTestResources {

    private ExecutorTestResources() {}
}
