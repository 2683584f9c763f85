package dev.rollwatch.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.eventing.consumer.ParkedEventsTool;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Slo;
import dev.rollwatch.healthmonitor.support.Watching;
import dev.rollwatch.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A release request whose handling fails for a reason no retry in line fixes (here a constraint the
 * database refuses the watch with) used to be dead-lettered: the release then ran unwatched with no
 * warning. It is parked instead, and once the cause is gone and it is replayed the release is watched.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ParkedRequestIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

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
        try (Statement sql = db.createStatement()) {
            sql.execute("drop trigger if exists refuse_watch on watch");
            sql.execute("drop function if exists refuse_watch()");
        }
        db.close();
        kafka.close();
    }

    @Test
    void aRequestWhoseWatchTheDatabaseRefusedIsWatchedOnceReplayedAfterTheCauseIsGone() throws SQLException {
        ReleaseRequested release = Watching.release(
                "checkout",
                new Slo(
                        null,
                        null,
                        null,
                        null,
                        1,
                        "1s",
                        "2s",
                        3,
                        Watching.scrape(List.of("http://127.0.0.1:9/metrics"), List.of("http://127.0.0.1:9/metrics"))));
        refuseWatchesOf(release.releaseId());
        CloudEvent<ReleaseRequested> requested = Watching.event("release-service", release);

        kafka.send(requested);

        await("the request parked", () -> resolution(requested), "-");
        assertThat(state(release.releaseId())).isNull();

        try (Statement sql = db.createStatement()) {
            sql.execute("drop trigger refuse_watch on watch");
        }
        assertThat(tool("replay", requested.id().toString())).contains("1 parked event(s) due now");

        await("the release watched", () -> state(release.releaseId()), "WAITING_FOR_TRAFFIC");
        assertThat(resolution(requested)).isEqualTo("replayed");
    }

    /** A check the database applies to the release's watch row only: the stand-in for a constraint violation. */
    private void refuseWatchesOf(String releaseId) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("create or replace function refuse_watch() returns trigger language plpgsql as $$ begin"
                    + " if new.release_id = '" + releaseId + "' then"
                    + " raise exception 'watch refused for the test' using errcode = '23514'; end if;"
                    + " return new; end $$");
            sql.execute("create trigger refuse_watch before insert or update on watch"
                    + " for each row execute function refuse_watch()");
        }
    }

    private static <T> void await(String what, Callable<T> actual, T expected) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(actual, expected::equals);
    }

    private String tool(String... args) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParkedEventsTool.run(args, db, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private String state(String releaseId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select state from watch where release_id = ?")) {
            query.setString(1, releaseId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** The parked event's resolution, "-" while it waits, null when it was never parked. */
    private String resolution(CloudEvent<?> event) throws SQLException {
        try (PreparedStatement query =
                db.prepareStatement("select coalesce(resolution, '-') from parked_events where event_id = ?")) {
            query.setObject(1, event.id());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
