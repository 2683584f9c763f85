package dev.rollwatch.notifier.domain;

import java.time.Duration;

/**
 * When a delivery that failed for a transient reason is tried again: exponential backoff from
 * {@code initial}, capped at {@code max}, until {@code maxAttempts} attempts were made. Rate limits
 * (429, Statuspage's 420) are not failures: they wait as long as the service asked and never use up
 * an attempt, so nothing is dropped because a channel was busy.
 *
 * @param initial     delay after the first failed attempt
 * @param max         longest delay between attempts
 * @param maxAttempts attempts before the delivery is dead-lettered
 */
public record RetryPolicy(Duration initial, Duration max, int maxAttempts) {

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("Retry policy needs 0 < initial <= max and at least one attempt");
        }
    }

    /** Delay before the next attempt after {@code attempts} failed ones (1-based). */
    public Duration delayAfter(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    /**
     * The wait a rate-limited service asked for, kept within reason: at least {@code floor} (a
     * missing or zero Retry-After must not hammer the service) and at most {@code ceiling}.
     */
    public static Duration rateLimitWait(Duration asked, Duration floor, Duration ceiling) {
        if (asked == null || asked.compareTo(floor) < 0) {
            return floor;
        }
        return asked.compareTo(ceiling) > 0 ? ceiling : asked;
    }
}
