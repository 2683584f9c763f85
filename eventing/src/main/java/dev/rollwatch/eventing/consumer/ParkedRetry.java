package dev.rollwatch.eventing.consumer;

import java.time.Duration;
import java.time.Instant;

/**
 * When a parked event is replayed next: {@code first} after it was parked, then twice as long after each
 * failed replay, never more than {@code max} apart. Capped rather than growing without bound, so an event
 * whose cause went away (a fixed bug, a row another event creates) applies within {@code max} by itself.
 */
final class ParkedRetry {

    private ParkedRetry() {}

    /** The next replay of an event that has failed {@code failedReplays} replays so far, seen at {@code now}. */
    static Instant next(Instant now, int failedReplays, Duration first, Duration max) {
        Duration wait = first;
        for (int i = 0; i < failedReplays && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return now.plus(wait.compareTo(max) > 0 ? max : wait);
    }
}
