package dev.rollwatch.healthmonitor;

import dev.rollwatch.healthmonitor.support.ReservedPrometheusPorts;
import dev.rollwatch.security.testing.TestApiKeys;
import dev.rollwatch.testing.KafkaTestResource;
import dev.rollwatch.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real parts every health-monitor test runs against: Kafka, PostgreSQL, the configured API keys
 * and the ports of the Prometheus servers the installation allows. Declared once here; Quarkus
 * applies unrestricted test resources to every test.
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TestApiKeys.class)
@QuarkusTestResource(ReservedPrometheusPorts.class)
public final class HealthMonitorTestResources {

    private HealthMonitorTestResources() {}
}
