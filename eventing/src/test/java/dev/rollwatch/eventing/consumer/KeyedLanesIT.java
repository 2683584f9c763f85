package dev.rollwatch.eventing.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.HealthPassed;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against the real broker and database: records of one topic apply side by side across releases and in
 * order within each, so one release whose event is slow to apply (a Kubernetes API answering late) holds
 * up only its own later events.
 */
@QuarkusTest
class KeyedLanesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    BreakableConsumer service;

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aReleaseSlowToApplyHoldsUpOnlyItsOwnLaterEventsNotTheReleasesBehindIt() {
        String slow = "rel-" + UUID.randomUUID();
        String other = "rel-" + UUID.randomUUID();
        CloudEvent<HealthPassed> first = passed(slow, 10);
        CloudEvent<HealthPassed> second = passed(slow, 25);
        CloudEvent<HealthPassed> elsewhere = passed(other, 10);
        service.hold(first.id());

        kafka.sendAll(List.of(first, second, elsewhere));

        await("the release behind it applied meanwhile", () -> service.appliedFor(other), List.of(elsewhere.id()));
        assertThat(service.appliedFor(slow)).isEmpty();

        service.letGo(first.id());

        await(
                "the slow release's events applied, in order",
                () -> service.appliedFor(slow),
                List.of(first.id(), second.id()));
    }

    private static CloudEvent<HealthPassed> passed(String release, int weight) {
        return EventFixtures.event("health-monitor-service", EventFixtures.healthPassed(release, weight));
    }

    private static <T> void await(String what, java.util.concurrent.Callable<T> actual, T expected) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(actual, expected::equals);
    }
}
