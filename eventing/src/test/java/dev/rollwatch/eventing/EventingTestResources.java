package dev.rollwatch.eventing;

import dev.rollwatch.testing.KafkaTestResource;
import dev.rollwatch.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** The real parts every eventing *IT runs against; Quarkus applies unrestricted test resources to every test. */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
public final class EventingTestResources {

    private EventingTestResources() {}
}
