package dev.rollwatch.healthmonitor.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void aFailureIsNamedByItsKindNeverByWhatTheRemoteSideSent() {
        Exception jackson = null;
        try {
            new ObjectMapper().readTree("{\"a\": db_password=hunter2}");
        } catch (IOException e) {
            jackson = e;
        }

        assertThat(Failures.describe("Prometheus at http://p:9090", jackson))
                .isEqualTo("Prometheus at http://p:9090 failed: the answer could not be read");
        assertThat(Failures.describe("http://10.0.0.1/metrics", new IllegalStateException("hunter2 <html>404</html>")))
                .isEqualTo("http://10.0.0.1/metrics failed: IllegalStateException");
        assertThat(Failures.describe(
                        "http://10.0.0.1/metrics",
                        new UncheckedIOException(new ConnectException("Connection refused: hunter2"))))
                .isEqualTo("http://10.0.0.1/metrics failed: could not connect");
    }

    @Test
    void rollwatchsOwnMessagesSayWhatHappened() {
        assertThat(Failures.describe("http://10.0.0.1/metrics", new BoundedHttp.HttpStatusException(404)))
                .isEqualTo("http://10.0.0.1/metrics: answered HTTP 404");
        assertThat(Failures.describe("http://10.0.0.1/metrics", new BoundedHttp.BodyTooLargeException(4 << 20)))
                .isEqualTo("http://10.0.0.1/metrics: answered more than 4 MiB, the installation's limit");
    }
}
