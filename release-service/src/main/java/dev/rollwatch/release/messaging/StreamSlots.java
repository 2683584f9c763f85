package dev.rollwatch.release.messaging;

import io.smallrye.mutiny.Multi;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A bounded number of open streams. A slot is taken when a stream is handed out and given back
 * once, whichever way the stream ends (the client leaves, it falls behind, the feed stops).
 */
final class StreamSlots {

    private final Semaphore slots;

    StreamSlots(int max) {
        this.slots = new Semaphore(max);
    }

    /** The stream, or empty when every slot is taken. */
    <T> Optional<Multi<T>> open(Supplier<Multi<T>> stream) {
        if (!slots.tryAcquire()) {
            return Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        };
        try {
            return Optional.of(stream.get().onTermination().invoke(release));
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    int available() {
        return slots.availablePermits();
    }
}
