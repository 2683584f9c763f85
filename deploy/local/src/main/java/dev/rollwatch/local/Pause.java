package dev.rollwatch.local;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

final class Pause {

    private Pause() {}

    /** Waits between two checks of an outside process (nothing to be notified by). */
    static void briefly(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
