package dev.rollwatch.eventing.consumer;

import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Failures that say nothing about the record: the database or the network is away for a moment.
 * Such a record is retried until it goes through (its partition waits, which keeps the order);
 * dead-lettering it would lose a good event. Anything else is retried a few times, then
 * dead-lettered so one bad record cannot stop its partition for good.
 */
final class TransientFailures {

    /** PostgreSQL SQLSTATE classes: connection exception, insufficient resources, operator intervention. */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "53", "57");
    /** Serialization failure and deadlock: the transaction can simply run again. */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01");

    private TransientFailures() {}

    static boolean isTransient(Throwable failure) {
        // A cause chain may loop (A caused by B caused by A): every cause is looked at once.
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof TimeoutException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException pg
                    && pg.getSqlState() != null
                    && (TRANSIENT_SQL_STATES.contains(pg.getSqlState())
                            || TRANSIENT_SQL_CLASSES.contains(pg.getSqlState().substring(0, 2)))) {
                return true;
            }
        }
        return false;
    }
}
