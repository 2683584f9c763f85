package dev.rollwatch.notifier.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an HTTP service answered.
 *
 * @param status  the status code
 * @param headers response headers, names in lower case (first value of each)
 * @param body    the response body (empty when there was none)
 */
public record HttpReply(int status, Map<String, String> headers, String body) {

    public HttpReply {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The wait a {@code Retry-After} header asks for: delta-seconds or an HTTP date. */
    public Optional<Duration> retryAfter(Clock clock) {
        return header("retry-after").flatMap(value -> parseRetryAfter(value.trim(), clock));
    }

    static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        try {
            long seconds = Long.parseLong(value);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    @Override
    public String toString() {
        // Records print every component; a receiver may have echoed the request, secrets and all.
        return "HttpReply[" + status + "]";
    }
}
