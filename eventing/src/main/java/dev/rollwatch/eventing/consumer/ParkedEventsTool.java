package dev.rollwatch.eventing.consumer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;

/**
 * The operator's hand on a service's parked events, run with the service's own classpath and database
 * credentials (in its pod: {@code java -cp '/deployments/lib/main/*:/deployments/app/*'
 * dev.rollwatch.eventing.consumer.ParkedEventsTool list}):
 * <ul>
 * <li>{@code list}: the unresolved parked events, oldest first, with their failure;</li>
 * <li>{@code replay <event-id>} / {@code replay --all}: makes them due now; the running service replays
 * them within its poll interval, each queue in order (an event behind another waits for it);</li>
 * <li>{@code discard <event-id> <reason…>}: gives up on the event for good, in one transaction: it leaves its
 * queue (the release's later events go on) and its id is claimed in the inbox, so a redelivery of it is a
 * no-op. The row stays, resolved as {@code discarded} with the reason, for the inbox's retention.</li>
 * </ul>
 * Plain JDBC, talking to the database rather than to the service: it works while the service is down or
 * restarting, needs no HTTP endpoint (and no API-key scheme the services do not all have yet), and
 * whoever may run it already holds the service's database credentials. The connection comes from the
 * service's variables ({@code ROLLWATCH_DB_JDBC_URL}, {@code ROLLWATCH_DB_USER}, {@code ROLLWATCH_DB_PASSWORD},
 * with the services' defaults); the schema from {@code --schema}, else the service's
 * {@code rollwatch.db.schema} in its {@code application.properties}.
 */
public final class ParkedEventsTool {

    private static final String USAGE = "usage: ParkedEventsTool [--schema <schema>] list | replay <event-id>"
            + " | replay --all | discard <event-id> <reason...>";

    private ParkedEventsTool() {}

    public static void main(String[] args) throws SQLException, IOException {
        String schema = null;
        if (args.length >= 2 && args[0].equals("--schema")) {
            schema = args[1];
            args = Arrays.copyOfRange(args, 2, args.length);
        }
        if (schema == null) {
            schema = serviceSchema();
        }
        try (Connection connection = DriverManager.getConnection(
                env("ROLLWATCH_DB_JDBC_URL", "jdbc:postgresql://localhost:5432/rollwatch"),
                env("ROLLWATCH_DB_USER", "rollwatch"),
                env("ROLLWATCH_DB_PASSWORD", "rollwatch"))) {
            connection.setSchema(schema);
            System.exit(run(args, connection, System.out));
        }
    }

    /** Runs one command on {@code connection} (its schema set); returns the exit status. */
    public static int run(String[] args, Connection connection, PrintStream out) throws SQLException {
        if (args.length == 1 && args[0].equals("list")) {
            return list(connection, out);
        }
        if (args.length == 2 && args[0].equals("replay")) {
            return replay(connection, args[1], out);
        }
        if (args.length >= 3 && args[0].equals("discard")) {
            return discard(connection, args[1], String.join(" ", Arrays.copyOfRange(args, 2, args.length)), out);
        }
        out.println(USAGE);
        return 2;
    }

    private static int list(Connection connection, PrintStream out) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select p.event_id, p.topic, p.record_key,"
                        + " p.event_type, p.parked_at, p.attempts, p.next_attempt_at, p.failure,"
                        + " (select q.event_id from parked_events q where q.topic = p.topic and q.record_key ="
                        + " p.record_key and q.resolved_at is null and q.id < p.id order by q.id limit 1) as behind"
                        + " from parked_events p where p.resolved_at is null order by p.id");
                ResultSet rows = query.executeQuery()) {
            int count = 0;
            while (rows.next()) {
                count++;
                out.printf(
                        "%s  %s  release %s  %s  parked %s  attempts %d  next %s%n    %s%n",
                        rows.getString("event_id"),
                        rows.getString("topic"),
                        rows.getString("record_key"),
                        rows.getString("event_type"),
                        rows.getObject("parked_at"),
                        rows.getInt("attempts"),
                        rows.getObject("next_attempt_at"),
                        rows.getString("behind") != null
                                ? "waiting behind " + rows.getString("behind")
                                : "failed: " + rows.getString("failure"));
            }
            out.printf("%d parked event(s)%n", count);
            return 0;
        }
    }

    private static int replay(Connection connection, String which, PrintStream out) throws SQLException {
        boolean all = which.equals("--all");
        UUID eventId = all ? null : eventId(which, out);
        if (!all && eventId == null) {
            return 2;
        }
        try (PreparedStatement update = connection.prepareStatement(
                all
                        ? "update parked_events set next_attempt_at = now() where resolved_at is null"
                        : "update parked_events set next_attempt_at = now() where resolved_at is null and event_id = ?")) {
            if (!all) {
                update.setObject(1, eventId);
            }
            int due = update.executeUpdate();
            if (due == 0 && !all) {
                out.printf("no unresolved parked event %s%n", eventId);
                return 1;
            }
            out.printf("%d parked event(s) due now; the service replays them in order%n", due);
            return 0;
        }
    }

    private static int discard(Connection connection, String which, String reason, PrintStream out)
            throws SQLException {
        UUID eventId = eventId(which, out);
        if (eventId == null) {
            return 2;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            String topic;
            // Waits for a replay in flight: the event is either applied by it or discarded here, never both.
            try (PreparedStatement lock = connection.prepareStatement(
                    "select topic from parked_events where event_id = ? and resolved_at is null for update")) {
                lock.setObject(1, eventId);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        connection.rollback();
                        out.printf("no unresolved parked event %s%n", eventId);
                        return 1;
                    }
                    topic = row.getString(1);
                }
            }
            try (PreparedStatement claim = connection.prepareStatement("insert into inbox (event_id, topic,"
                    + " received_at) values (?, ?, now()) on conflict (event_id) do nothing")) {
                claim.setObject(1, eventId);
                claim.setString(2, topic);
                claim.executeUpdate();
            }
            try (PreparedStatement resolve = connection.prepareStatement("update parked_events set resolved_at ="
                    + " now(), resolution = 'discarded', resolution_note = ? where event_id = ?")) {
                resolve.setString(1, ParkedEvents.cut(reason));
                resolve.setObject(2, eventId);
                resolve.executeUpdate();
            }
            connection.commit();
            out.printf("discarded %s: %s%n", eventId, reason);
            return 0;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static UUID eventId(String text, PrintStream out) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            out.printf("not an event id: %s%n%s%n", text, USAGE);
            return null;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String serviceSchema() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ParkedEventsTool.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        String schema = properties.getProperty("rollwatch.db.schema");
        if (schema == null) {
            throw new IllegalArgumentException("no rollwatch.db.schema in application.properties: pass --schema");
        }
        return schema;
    }
}
