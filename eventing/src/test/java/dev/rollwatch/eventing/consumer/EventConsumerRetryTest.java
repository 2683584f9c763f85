package dev.rollwatch.eventing.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.eventing.EventingConfigs;
import dev.rollwatch.eventing.consumer.EventConsumer.Outcome;
import dev.rollwatch.eventing.consumer.KafkaRecords.Received;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.events.codec.MalformedEventException;
import dev.rollwatch.events.fixtures.EventFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * How a well-formed record is settled once its transaction ran: acked after it applied, retried while
 * the database is away, dead-lettered when it keeps failing or the handler refuses it. The
 * transaction is replaced by a script of outcomes; everything after it is the consumer's own code.
 */
class EventConsumerRetryTest {

    private static final int RETRIES = 3;
    private static final CloudEvent<ReleaseEvent> EVENT =
            EventFixtures.event("executor-service", (ReleaseEvent) EventFixtures.promoted("rel-9", 4));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventConsumer consumer = new EventConsumer(
            null,
            EventingConfigs.with(Map.of(
                    "rollwatch.eventing.consumer.retries", Integer.toString(RETRIES),
                    // Short waits keep the test fast; the retry rules are the same at any backoff.
                    "rollwatch.eventing.consumer.initial-backoff", "1ms",
                    "rollwatch.eventing.consumer.max-backoff", "2ms")),
            registry);
    private final Received record = KafkaRecords.received(new EventCodec().encode(EVENT));
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void acksAnEventOnceItsTransactionApplied() {
        settle(Outcome.APPLIED);

        assertAcked("applied");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void acksARedeliveryTheInboxRecognisedAsADuplicate() {
        settle(Outcome.DUPLICATE);

        assertAcked("duplicate");
    }

    @Test
    void retriesADatabaseOutageLongerThanTheRetryLimitUntilItIsBack() {
        ConnectException away = new ConnectException("Connection refused: db:5432");
        settle(Stream.concat(Collections.nCopies(RETRIES * 3, (Object) away).stream(), Stream.of(Outcome.APPLIED))
                .toArray());

        assertAcked("applied");
        assertThat(attempts).hasValue(RETRIES * 3 + 1);
    }

    @Test
    void appliesAnEventThatFailsForAnotherReasonUpToTheRetryLimitThenSucceeds() {
        IllegalStateException bug = new IllegalStateException("optimistic lock lost");
        settle(Stream.concat(Collections.nCopies(RETRIES, (Object) bug).stream(), Stream.of(Outcome.APPLIED))
                .toArray());

        assertAcked("applied");
        assertThat(attempts).hasValue(RETRIES + 1);
    }

    @Test
    void deadLettersAnEventThatStillFailsAfterTheRetryLimit() {
        IllegalStateException bug = new IllegalStateException("release rel-9 has no step 3");
        settle(Stream.concat(Collections.nCopies(RETRIES + 1, (Object) bug).stream(), Stream.of(Outcome.APPLIED))
                .toArray());

        assertThat(record.nacks).containsExactly(bug);
        assertThat(record.acks).hasValue(0);
        assertThat(attempts).hasValue(RETRIES + 1);
        assertThat(counted("failed")).isEqualTo(1.0);
    }

    @Test
    void doesNotCountDatabaseOutagesAgainstTheRetryLimit() {
        IllegalStateException bug = new IllegalStateException("optimistic lock lost");
        ConnectException away = new ConnectException("Connection refused: db:5432");
        // RETRIES failures of the code, with outages between them: still within the limit.
        settle(bug, away, away, bug, away, bug, Outcome.APPLIED);

        assertAcked("applied");
        assertThat(attempts).hasValue(7);
    }

    @Test
    void deadLettersAnEventTheHandlerRefusesWithoutRetryingIt() {
        MalformedEventException refused = new MalformedEventException("canary weight 120 exceeds 100");
        settle(refused, Outcome.APPLIED);

        assertThat(record.nacks).containsExactly(refused);
        assertThat(record.acks).hasValue(0);
        assertThat(attempts).hasValue(1);
        assertThat(counted("dead-lettered")).isEqualTo(1.0);
    }

    /** Settles the record with each attempt taking the next step of {@code script}: an outcome or a failure. */
    private void settle(Object... script) {
        List<Object> steps = List.of(script);
        Uni<Outcome> attempt = Uni.createFrom().deferred(() -> {
            Object step = steps.get(Math.min(attempts.getAndIncrement(), steps.size() - 1));
            return step instanceof Throwable failure
                    ? Uni.createFrom().failure(failure)
                    : Uni.createFrom().item((Outcome) step);
        });
        consumer.settle(record.message, record.metadata, EVENT, attempt).await().atMost(Duration.ofSeconds(10));
    }

    private void assertAcked(String outcome) {
        assertThat(record.acks).hasValue(1);
        assertThat(record.nacks).isEmpty();
        assertThat(counted(outcome)).isEqualTo(1.0);
    }

    private double counted(String outcome) {
        return registry.counter("rollwatch.events.consumed", "topic", record.metadata.getTopic(), "outcome", outcome)
                .count();
    }
}
