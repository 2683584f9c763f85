package dev.rollwatch.rollback.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in tests: the wall clock, which a test can move forward to make deadlines
 * (manual decision, verification, grace) pass at once instead of waiting minutes for them.
 */
@ApplicationScoped
public class TestClock {

    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

    /** Moves the service's time forward; everything due within {@code by} becomes due. */
    public static void advance(Duration by) {
        OFFSET.updateAndGet(current -> current.plus(by));
    }

    public static Instant now() {
        return Instant.now().plus(OFFSET.get());
    }

    @Produces
    @Singleton
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }
}
