package dev.rollwatch.executor.it;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the executor's tables over JDBC, to show what it keeps durably. */
@ApplicationScoped
public class Database {

    private final AgroalDataSource dataSource;

    Database(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The rollout row's columns, or an empty map when there is none. */
    public Map<String, Object> rollout(String releaseId) {
        return row("select * from executor_service.rollout where id = ?", releaseId);
    }

    public String status(String releaseId) {
        return (String) rollout(releaseId).get("status");
    }

    public Instant dueAt(String releaseId) {
        Object due = rollout(releaseId).get("due_at");
        return due == null ? null : ((java.sql.Timestamp) due).toInstant();
    }

    public boolean quarantined(String image) {
        return !row("select * from executor_service.quarantined_artifact where image = ?", image)
                .isEmpty();
    }

    /**
     * Locks the release's row the way another instance's transaction does (claiming it, recording an
     * outcome, applying a consumed event), until the returned handle is closed.
     */
    public AutoCloseable lockAsAnotherInstance(String releaseId) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement statement =
                connection.prepareStatement("select id from executor_service.rollout where id = ? for update")) {
            statement.setString(1, releaseId);
            statement.executeQuery().close();
        }
        return () -> {
            connection.commit();
            connection.close();
        };
    }

    /**
     * The release's lease runs out now, as it does once its holder died mid-call (the lease's time
     * passes; nothing else about the row changes).
     */
    public void expireLease(String releaseId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "update executor_service.rollout set leased_until = now() - interval '1 second'"
                                + " where id = ? and lease_owner is not null")) {
            statement.setString(1, releaseId);
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("release " + releaseId + " holds no lease");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> row(String sql, String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                Map<String, Object> row = new LinkedHashMap<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                    }
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
