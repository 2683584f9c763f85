package dev.rollwatch.notifier.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpReplyTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T14:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsRetryAfterInSeconds() {
        HttpReply reply = new HttpReply(429, Map.of("retry-after", "30"), "");
        assertThat(reply.retryAfter(clock)).contains(Duration.ofSeconds(30));
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        HttpReply reply = new HttpReply(429, Map.of("retry-after", "Fri, 20 Nov 2026 14:01:30 GMT"), "");
        assertThat(reply.retryAfter(clock)).contains(Duration.ofSeconds(90));
    }

    @Test
    void ignoresAMissingOrUnreadableRetryAfter() {
        assertThat(new HttpReply(429, Map.of(), "").retryAfter(clock)).isEqualTo(Optional.empty());
        assertThat(new HttpReply(429, Map.of("retry-after", "soon"), "").retryAfter(clock))
                .isEmpty();
    }

    @Test
    void classifiesAConnectionFailureAsSafeToRetryWithoutQuotingTheUrl() {
        Throwable classified = HttpExchange.classify(new jakarta.ws.rs.ProcessingException(
                "POST https://hooks.slack.com/services/T0/B0/s3cret failed", new java.net.ConnectException("refused")));
        assertThat(classified).isInstanceOf(ConnectFailedException.class);
        assertThat(classified.getMessage()).doesNotContain("s3cret");

        Throwable other = HttpExchange.classify(new jakarta.ws.rs.ProcessingException(
                "The timeout period of 10000ms has been exceeded while executing POST /services/T0/B0/s3cret"));
        assertThat(other).isInstanceOf(ExchangeFailedException.class);
        assertThat(other.getMessage()).doesNotContain("s3cret");
    }
}
