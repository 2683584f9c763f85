package dev.rollwatch.eventing;

import dev.rollwatch.testing.KafkaTestResource;
import dev.rollwatch.testing.PostgresTestResource;
import dev.rollwatch.testing.infra.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The real parts every eventing *IT runs against; Quarkus applies unrestricted test resources to every test.
 * The library's test app is no service of the access table, and plays several (it publishes on their
 * topics), so it logs in as the tests' own Kafka user.
 */
@QuarkusTestResource(
        value = KafkaTestResource.class,
        initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = KafkaBroker.TEST_CLIENT))
@QuarkusTestResource(PostgresTestResource.class)
public final class EventingTestResources {

    private EventingTestResources() {}
}
