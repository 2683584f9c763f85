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
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * How a well-formed record is settled once its transaction ran: acked after it applied, retried while
 * the database is away, parked (and acked) when it keeps failing, dead-lettered when the handler refuses
 * it or it cannot even be parked; and how a replay of a parked event is settled. The transaction and the
 * parking are replaced by scripts; everything after them is the consumer's own code.
 */
class EventConsumerRetryTest {

    private static final int RETRIES = 3;
    private static final CloudEvent<ReleaseEvent> EVENT =
            EventFixtures.event("executor-service", (ReleaseEvent) EventFixtures.promoted("rel-9", 4));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventConsumer consumer = new EventConsumer(
            null,
            null,
            EventingConfigs.with(Map.of(
                    "rollwatch.eventing.consumer.retries", Integer.toString(RETRIES),
                    // Short waits keep the test fast; the retry rules are the same at any backoff.
                    "rollwatch.eventing.consumer.initial-backoff", "1ms",
                    "rollwatch.eventing.consumer.max-backoff", "2ms")),
            Clock.systemUTC(),
            registry);
    private final Received record = KafkaRecords.received(new EventCodec().encode(EVENT));
    private final AtomicInteger attempts = new AtomicInteger();
    /** The failures the consumer parked the event for, once per try at parking it. */
    private final List<Throwable> parkedFor = new CopyOnWriteArrayList<>();
    /** How the next tries at parking go: a failure each, then success. */
    private final List<Throwable> parkScript = new CopyOnWriteArrayList<>();

    private final List<Throwable> failedReplays = new CopyOnWriteArrayList<>();

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
    void parksAnEventThatStillFailsAfterTheRetryLimitAndGoesOn() {
        IllegalStateException bug = new IllegalStateException("release rel-9 has no step 3");
        settle(Stream.concat(Collections.nCopies(RETRIES + 1, (Object) bug).stream(), Stream.of(Outcome.APPLIED))
                .toArray());

        assertThat(parkedFor).containsExactly(bug);
        assertThat(record.acks).hasValue(1);
        assertThat(record.nacks).isEmpty();
        assertThat(attempts).hasValue(RETRIES + 1);
        assertThat(counted("parked")).isEqualTo(1.0);
    }

    @Test
    void parksOnceTheDatabaseIsBackWhenParkingMeetsAnOutage() {
        IllegalStateException bug = new IllegalStateException("release rel-9 has no step 3");
        ConnectException away = new ConnectException("Connection refused: db:5432");
        parkScript.addAll(List.of(away, away));

        settle(Collections.nCopies(RETRIES + 1, (Object) bug).toArray());

        assertThat(parkedFor).containsExactly(bug, bug, bug);
        assertThat(record.acks).hasValue(1);
        assertThat(counted("parked")).isEqualTo(1.0);
    }

    @Test
    void deadLettersAnEventThatKeepsFailingAndCannotBeParkedEither() {
        IllegalStateException bug = new IllegalStateException("release rel-9 has no step 3");
        parkScript.add(new IllegalStateException("parked_events is missing"));

        settle(Collections.nCopies(RETRIES + 1, (Object) bug).toArray());

        assertThat(record.nacks).containsExactly(bug);
        assertThat(record.acks).hasValue(0);
        assertThat(counted("dead-lettered")).isEqualTo(1.0);
        assertThat(deadLettered("unparkable")).isEqualTo(1.0);
    }

    @Test
    void acksAParkedBehindEventWithoutTryingItAgain() {
        settle(Outcome.PARKED_BEHIND);

        assertAcked("parked-behind");
        assertThat(attempts).hasValue(1);
        assertThat(parkedFor).isEmpty();
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
        assertThat(deadLettered("refused")).isEqualTo(1.0);
        assertThat(parkedFor).isEmpty();
    }

    @Test
    void aReplayThatAppliedTakesTheEventOffItsQueue() {
        replay(Outcome.APPLIED);

        assertThat(record.acks).hasValue(1);
        assertThat(failedReplays).isEmpty();
        assertThat(unparked("replayed")).isEqualTo(1.0);
    }

    @Test
    void aReplayThatFailsAgainIsRecordedOnceAndNotRetriedInLine() {
        IllegalStateException bug = new IllegalStateException("release rel-9 has no step 3");
        replay(bug, Outcome.APPLIED);

        assertThat(attempts).hasValue(1);
        assertThat(failedReplays).containsExactly(bug);
        assertThat(record.nacks).containsExactly(bug);
        assertThat(unparked("replayed")).isZero();
    }

    @Test
    void aReplayWaitsOutADatabaseOutage() {
        ConnectException away = new ConnectException("Connection refused: db:5432");
        replay(away, away, Outcome.APPLIED);

        assertThat(attempts).hasValue(3);
        assertThat(record.acks).hasValue(1);
        assertThat(failedReplays).isEmpty();
    }

    @Test
    void aReplayTheHandlerRefusesLeavesTheQueueAsRefusedSoTheReleaseGoesOn() {
        MalformedEventException refused = new MalformedEventException("release request breaks the release rules");
        replay(refused);

        assertThat(failedReplays).containsExactly(refused);
        assertThat(record.acks).hasValue(1);
        assertThat(unparked("refused")).isEqualTo(1.0);
    }

    @Test
    void aReplayOfAnEventNoLongerFirstOfItsQueueStopsTheQueue() {
        replay(Outcome.NOT_FIRST);

        assertThat(record.acks).hasValue(0);
        assertThat(record.nacks).hasSize(1);
        assertThat(failedReplays).isEmpty();
    }

    /** Settles the record with each attempt taking the next step of {@code script}: an outcome or a failure. */
    private void settle(Object... script) {
        consumer.settle(record.message, record.metadata, EVENT, scripted(script), failure -> {
                    parkedFor.add(failure);
                    return parkScript.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : Uni.createFrom().failure(parkScript.remove(0));
                })
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    /** Settles a replay of the record the same way; recording its failure always works. */
    private void replay(Object... script) {
        consumer.settleReplay(record.message, record.metadata, EVENT, scripted(script), failure -> {
                    failedReplays.add(failure);
                    return Uni.createFrom().voidItem();
                })
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    private Uni<Outcome> scripted(Object... script) {
        List<Object> steps = List.of(script);
        return Uni.createFrom().deferred(() -> {
            Object step = steps.get(Math.min(attempts.getAndIncrement(), steps.size() - 1));
            return step instanceof Throwable failure
                    ? Uni.createFrom().failure(failure)
                    : Uni.createFrom().item((Outcome) step);
        });
    }

    private void assertAcked(String outcome) {
        assertThat(record.acks).hasValue(1);
        assertThat(record.nacks).isEmpty();
        assertThat(counted(outcome)).isEqualTo(1.0);
    }

    private double deadLettered(String reasonClass) {
        return registry.counter(
                        "rollwatch.events.dead.lettered",
                        "topic",
                        record.metadata.getTopic(),
                        "reason.class",
                        reasonClass)
                .count();
    }

    private double unparked(String resolution) {
        return registry.counter(
                        "rollwatch.events.unparked", "topic", record.metadata.getTopic(), "resolution", resolution)
                .count();
    }

    private double counted(String outcome) {
        return registry.counter("rollwatch.events.consumed", "topic", record.metadata.getTopic(), "outcome", outcome)
                .count();
    }
}
