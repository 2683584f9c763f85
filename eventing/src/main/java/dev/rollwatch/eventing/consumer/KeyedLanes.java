package dev.rollwatch.eventing.consumer;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Applies the records of one topic side by side across keys and strictly in order within a key, at most
 * {@code limit} at once. A Kafka channel hands its records over one at a time and waits for each: applied
 * in turn, a burst of a thousand releases queued behind each release's database and Kubernetes round trips
 * (the executor took 40 s to reach the last one). A record's key is its release, and what must stay in order
 * is a release's own events; records of different releases never depended on each other's order, since
 * their topics were consumed side by side already.
 *
 * <p>{@link #submit} returns once the record is admitted (fewer than {@code limit} in flight): the channel
 * then delivers the next one, so a full set of lanes holds the channel back instead of buffering without
 * bound. The work settles its record (ack or nack) itself; with the throttled commit strategy an offset is
 * committed only once every record before it in its partition is settled, so a crash never skips one.
 *
 * <p>Plain Java: one lock guards the map of each key's last record and the count in flight.
 */
final class KeyedLanes {

    private static final CompletableFuture<Void> ADMITTED = CompletableFuture.completedFuture(null);

    private final int limit;
    /** Each key's last submitted record, done when it has settled; removed when a key's lane runs empty. */
    private final Map<String, CompletableFuture<Void>> lastOfKey = new HashMap<>();
    /** Admissions waiting for a record in flight to settle: at most one while the channel waits on it. */
    private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();

    private int inFlight;

    KeyedLanes(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a lane limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    /**
     * Runs {@code work} once the key's earlier records have settled.
     *
     * @return completes when the channel may deliver its next record
     */
    CompletionStage<Void> submit(String key, Supplier<? extends CompletionStage<?>> work) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        CompletableFuture<Void> before;
        CompletableFuture<Void> admitted;
        synchronized (this) {
            before = lastOfKey.put(key, settled);
            inFlight++;
            if (inFlight < limit) {
                admitted = ADMITTED;
            } else {
                admitted = new CompletableFuture<>();
                waiting.add(admitted);
            }
        }
        settled.whenComplete((ignored, failure) -> settle(key, settled));
        if (before == null) {
            start(work, settled);
        } else {
            before.whenComplete((ignored, failure) -> start(work, settled));
        }
        return admitted;
    }

    /** Records submitted and not settled yet. */
    synchronized int inFlight() {
        return inFlight;
    }

    /** The work must settle its record however it ends; the lane only needs to know that it ended. */
    private static void start(Supplier<? extends CompletionStage<?>> work, CompletableFuture<Void> settled) {
        CompletionStage<?> running;
        try {
            running = work.get();
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        running.whenComplete((ignored, failure) -> settled.complete(null));
    }

    private void settle(String key, CompletableFuture<Void> settled) {
        CompletableFuture<Void> next = null;
        synchronized (this) {
            lastOfKey.remove(key, settled);
            inFlight--;
            if (inFlight < limit) {
                next = waiting.poll();
            }
        }
        if (next != null) {
            next.complete(null);
        }
    }
}
