package dev.rollwatch.healthmonitor;

import dev.rollwatch.testing.KafkaTestResource;
import dev.rollwatch.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real parts every health-monitor test runs against: Kafka and PostgreSQL. Declared once here;
 * Quarkus applies unrestricted test resources to every test.
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
public final class HealthMonitorTestResources {

    private HealthMonitorTestResources() {}
}
