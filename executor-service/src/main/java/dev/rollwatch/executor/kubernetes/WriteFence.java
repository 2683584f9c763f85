package dev.rollwatch.executor.kubernetes;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Keeps a leased instance's writes inside its lease. Once a lease has run out, another instance may
 * take the release over, or a restore may start without waiting for the work (an expired lease counts
 * as dead): a call that was slow, or an instance that stalled, must then write nothing more. Every
 * write checks the fence of the work it belongs to and starts only before its {@code writeBy}, which
 * is the lease's end less the longest one Kubernetes request can take, so the last write has ended
 * (or been abandoned by the client) before the lease runs out.
 *
 * <p>The fence is a thread-local because the leased work runs start to end on one worker thread
 * ({@code Blocking}) through layers (routers, workloads) that need not know about leases; work that
 * is not leased has no fence and is never refused.
 */
public final class WriteFence {

    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private WriteFence() {}

    /** Runs {@code work} on this thread with its writes fenced at {@code writeBy}. */
    public static <T> T within(Instant writeBy, Clock clock, Callable<T> work) throws Exception {
        Deadline outer = CURRENT.get();
        CURRENT.set(new Deadline(writeBy, clock));
        try {
            return work.call();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * Called before each write: refuses it once the work's lease is too close to its end.
     *
     * @param what the write, for the message: e.g. {@code "update Deployment shop/checkout"}
     * @throws LeaseRanOut when the write could outlast the lease
     */
    public static void check(String what) {
        Deadline deadline = CURRENT.get();
        if (deadline != null && !deadline.clock().instant().isBefore(deadline.writeBy())) {
            throw new LeaseRanOut(what + " not sent: this instance's lease on the release ends too soon (writes by "
                    + deadline.writeBy() + "); the release's next claim does it");
        }
    }

    /** A write refused because its lease ran out: like any transient failure, the work is tried again. */
    public static final class LeaseRanOut extends TransientKubernetesException {

        LeaseRanOut(String message) {
            super(message, null);
        }
    }

    private record Deadline(Instant writeBy, Clock clock) {}
}
