package dev.rollwatch.eventing.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.codec.MalformedEventException;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransientFailuresTest {

    static Stream<Throwable> databaseOrNetworkAway() {
        return Stream.of(
                new ConnectException("Connection refused"),
                new TimeoutException("no answer within 30s"),
                ClosedConnectionException.INSTANCE,
                new ConnectTimeoutException("connection timed out: db/10.0.0.7:5432"),
                postgres("08006", "connection failure"),
                postgres("08001", "unable to establish connection"),
                postgres("53300", "too many connections"),
                postgres("57P01", "terminating connection due to administrator command"),
                postgres("57P03", "the database system is starting up"),
                postgres("40001", "could not serialize access"),
                postgres("40P01", "deadlock detected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databaseOrNetworkAway")
    void treatsTheDatabaseOrTheNetworkBeingAwayAsTransient(Throwable failure) {
        assertThat(TransientFailures.isTransient(failure)).isTrue();
    }

    static Stream<Throwable> aboutTheRecordOrTheCode() {
        return Stream.of(
                new IllegalStateException("release rel-1 has no step 7"),
                new NullPointerException(),
                new MalformedEventException("missing CloudEvents header ce_id"),
                postgres("23505", "duplicate key value violates unique constraint"),
                postgres("42P01", "relation \"outbox\" does not exist"),
                postgres("22P02", "invalid input syntax for type uuid"),
                // Class 40 is not transient as a whole: only serialization failure and deadlock are.
                postgres("40002", "transaction integrity constraint violation"),
                postgres(null, "no SQL state"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aboutTheRecordOrTheCode")
    void treatsFailuresAboutTheRecordOrTheCodeAsPermanent(Throwable failure) {
        assertThat(TransientFailures.isTransient(failure)).isFalse();
    }

    @Test
    void findsATransientFailureAnywhereInTheCauseChain() {
        Throwable wrapped = new CompletionException(
                new IllegalStateException("transaction failed", postgres("57P01", "admin shutdown")));

        assertThat(TransientFailures.isTransient(wrapped)).isTrue();
    }

    @Test
    void treatsAChainWithoutATransientCauseAsPermanent() {
        Throwable wrapped = new CompletionException(new IllegalStateException(new IllegalArgumentException("bad")));

        assertThat(TransientFailures.isTransient(wrapped)).isFalse();
    }

    @Test
    void endsOnACauseChainThatLoops() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);

        assertThat(TransientFailures.isTransient(first)).isFalse();
    }

    @Test
    void treatsNoFailureAsNotTransient() {
        assertThat(TransientFailures.isTransient(null)).isFalse();
    }

    private static PgException postgres(String sqlState, String message) {
        return new PgException(message, "ERROR", sqlState, null);
    }
}
