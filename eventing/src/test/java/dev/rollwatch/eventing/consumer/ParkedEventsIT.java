package dev.rollwatch.eventing.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.HealthPassed;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.testing.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Valid events whose handler fails, against the real broker and database: parked rather than lost, their
 * release's later events parked behind them in order while other releases go on, replayed automatically
 * once the cause is gone, by an operator on demand, or discarded by one, each applied exactly once.
 */
@QuarkusTest
class ParkedEventsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    BreakableConsumer service;

    @Inject
    ParkedEventReplay replay;

    @Inject
    MeterRegistry registry;

    private final KafkaTestClient kafka = new KafkaTestClient();
    private Connection db;

    @BeforeEach
    void connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        db = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
        db.setSchema(config.getValue("rollwatch.db.schema", String.class));
    }

    @AfterEach
    void close() throws SQLException {
        kafka.close();
        db.close();
    }

    @Test
    void parksAFailingEventHoldsItsReleaseBehindItAndAppliesBothInOrderOnceTheCauseIsGone() throws SQLException {
        String release = release();
        String other = release();
        CloudEvent<HealthPassed> first = passed(release, 10);
        CloudEvent<HealthPassed> second = passed(release, 25);
        CloudEvent<HealthPassed> elsewhere = passed(other, 10);
        service.breakFor(first.id());
        double parkedBefore = consumed("parked");
        double behindBefore = consumed("parked-behind");
        double replayedBefore = unparked("replayed");

        kafka.sendAll(List.of(first, second, elsewhere));

        await("the failing event and the one behind it parked", () -> resolutions(release), List.of("-", "-"));
        await("the other release applied", () -> service.appliedFor(other), List.of(elsewhere.id()));
        assertThat(service.appliedFor(release)).isEmpty();
        // Counted once the record is acknowledged, just after the row committed.
        await("counted as parked", () -> consumed("parked") - parkedBefore, 1.0);
        await("counted as parked behind", () -> consumed("parked-behind") - behindBefore, 1.0);
        assertThat(failure(first.id())).contains("IllegalStateException", "no watch for " + release);
        assertThat(failure(second.id())).isNull();
        replay.measureNow().await().atMost(WAIT);
        assertThat(parkedGauge()).isEqualTo(2.0);
        // Replayed automatically meanwhile, and failing again: still parked, its release still held.
        await("a failed replay recorded", () -> attempts(first.id()) > 0, true);
        assertThat(service.appliedFor(release)).isEmpty();

        service.mend(first.id());

        await("both applied in order", () -> service.appliedFor(release), List.of(first.id(), second.id()));
        assertThat(resolutions(release)).containsExactly("replayed", "replayed");
        await("counted as replayed", () -> unparked("replayed") - replayedBefore, 2.0);
        replay.measureNow().await().atMost(WAIT);
        assertThat(parkedGauge()).isZero();
        // A redelivery of an event replayed is a no-op, and the release's next event applies directly.
        CloudEvent<HealthPassed> third = passed(release, 50);
        kafka.sendAll(List.of(first, third));
        await(
                "the next event applied, the redelivery not",
                () -> service.appliedFor(release),
                List.of(first.id(), second.id(), third.id()));
        assertThat(resolutions(release)).containsExactly("replayed", "replayed");
    }

    @Test
    void anOperatorDiscardsAParkedEventAndTheReleaseGoesOnWithoutIt() throws SQLException {
        String release = release();
        CloudEvent<HealthPassed> poison = passed(release, 10);
        CloudEvent<HealthPassed> next = passed(release, 25);
        service.breakFor(poison.id());
        kafka.sendAll(List.of(poison, next));
        await("both parked", () -> resolutions(release), List.of("-", "-"));
        assertThat(tool("list"))
                .contains(poison.id() + "  " + Topics.HEALTH_PASSED + "  release " + release)
                .contains("failed: java.lang.IllegalStateException: no watch for " + release)
                .contains("waiting behind " + poison.id());

        assertThat(tool("discard", poison.id().toString(), "applied", "by", "hand"))
                .contains("discarded");

        await("the next event applied without it", () -> service.appliedFor(release), List.of(next.id()));
        assertThat(resolutions(release)).containsExactly("discarded", "replayed");
        assertThat(note(poison.id())).isEqualTo("applied by hand");
        // Discarded for good: delivered again, it is a no-op even though its cause is still there.
        CloudEvent<HealthPassed> last = passed(release, 50);
        kafka.sendAll(List.of(poison, last));
        await(
                "the last event applied, the discarded one not",
                () -> service.appliedFor(release),
                List.of(next.id(), last.id()));
        assertThat(resolutions(release)).containsExactly("discarded", "replayed");
        service.mend(poison.id());
    }

    @Test
    void anOperatorReplaysAParkedEventWithoutWaitingOutItsBackoff() throws SQLException {
        String release = release();
        CloudEvent<HealthPassed> event = passed(release, 10);
        service.breakFor(event.id());
        kafka.send(event);
        await("parked", () -> resolutions(release), List.of("-"));
        // A long backoff, as after many failed replays; then the cause is fixed.
        try (PreparedStatement later = db.prepareStatement(
                "update parked_events set next_attempt_at = now() + interval '1 day' where event_id = ?")) {
            later.setObject(1, event.id());
            later.executeUpdate();
        }
        service.mend(event.id());
        assertThat(replay.replayNow().await().atMost(WAIT)).isZero();

        assertThat(tool("replay", event.id().toString())).contains("1 parked event(s) due now");

        await("applied", () -> service.appliedFor(release), List.of(event.id()));
        assertThat(resolutions(release)).containsExactly("replayed");
        assertThat(tool("replay", event.id().toString())).contains("no unresolved parked event");
    }

    @Test
    void aReleasesNextEventHasItsParkedEventReplayedAtOnceInsteadOfAfterItsBackoff() throws SQLException {
        String release = release();
        CloudEvent<HealthPassed> parkedFirst = passed(release, 10);
        CloudEvent<HealthPassed> next = passed(release, 25);
        service.breakFor(parkedFirst.id());
        kafka.send(parkedFirst);
        await("parked", () -> resolutions(release), List.of("-"));
        // A long backoff, as after many failed replays; then the cause goes away.
        try (PreparedStatement later = db.prepareStatement(
                "update parked_events set next_attempt_at = now() + interval '1 day' where event_id = ?")) {
            later.setObject(1, parkedFirst.id());
            later.executeUpdate();
        }
        service.mend(parkedFirst.id());

        // The release moves again (as a rollback's second attempt would): its queue is tried now.
        kafka.send(next);

        await("both applied in order", () -> service.appliedFor(release), List.of(parkedFirst.id(), next.id()));
        assertThat(resolutions(release)).containsExactly("replayed", "replayed");
    }

    private static String release() {
        return "rel-park-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static CloudEvent<HealthPassed> passed(String release, int weight) {
        return EventFixtures.event("health-monitor-service", EventFixtures.healthPassed(release, weight));
    }

    private static <T> void await(String what, java.util.concurrent.Callable<T> actual, T expected) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(actual, expected::equals);
    }

    private String tool(String... args) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParkedEventsTool.run(args, db, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The release's parked events in order, each by its resolution ("-" while it waits). */
    private List<String> resolutions(String release) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "select coalesce(resolution, '-') from parked_events where record_key = ? order by id")) {
            query.setString(1, release);
            try (ResultSet rows = query.executeQuery()) {
                List<String> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
                return found;
            }
        }
    }

    private String failure(UUID eventId) throws SQLException {
        return column("failure", eventId);
    }

    private String note(UUID eventId) throws SQLException {
        return column("resolution_note", eventId);
    }

    private int attempts(UUID eventId) throws SQLException {
        return Integer.parseInt(column("attempts::text", eventId));
    }

    private String column(String column, UUID eventId) throws SQLException {
        try (PreparedStatement query =
                db.prepareStatement("select " + column + " from parked_events where event_id = ?")) {
            query.setObject(1, eventId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("parked event %s", eventId).isTrue();
                return row.getString(1);
            }
        }
    }

    private double consumed(String outcome) {
        return registry.counter("rollwatch.events.consumed", "topic", Topics.HEALTH_PASSED, "outcome", outcome)
                .count();
    }

    private double unparked(String resolution) {
        return registry.counter("rollwatch.events.unparked", "topic", Topics.HEALTH_PASSED, "resolution", resolution)
                .count();
    }

    private double parkedGauge() {
        return registry.get("rollwatch.events.parked")
                .tag("topic", Topics.HEALTH_PASSED)
                .gauge()
                .value();
    }
}
