package dev.rollwatch.benchmarks.system;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waiting for something outside this process (services, the API server) that cannot notify us. */
public final class Waits {

    private Waits() {}

    /**
     * Polls {@code probe} until it gives a value (non-null), or fails naming {@code what} after
     * {@code timeout}. A probe may throw a runtime exception to mean "not yet" (a service still busy),
     * or {@link Abort} when waiting longer cannot help (the awaited process is gone).
     */
    public static <T> T until(String what, Duration timeout, Duration every, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (Abort e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + "s waiting for " + what
                        + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
            }
            pause(every);
        }
    }

    /** Thrown by a probe to end the wait at once: what it waits for can no longer happen. */
    public static final class Abort extends IllegalStateException {
        public Abort(String message) {
            super(message);
        }
    }

    public static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
