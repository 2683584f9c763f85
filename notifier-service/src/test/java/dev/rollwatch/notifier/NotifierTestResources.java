package dev.rollwatch.notifier;

import dev.rollwatch.testing.KafkaTestResource;
import dev.rollwatch.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real parts every notifier test runs against: Kafka, PostgreSQL and WireMock for the HTTP APIs.
 * Declared once here; Quarkus applies unrestricted test resources to every test.
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(WireMockResource.class)
public final class NotifierTestResources {

    private NotifierTestResources() {}
}
