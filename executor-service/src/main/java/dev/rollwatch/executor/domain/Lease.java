package dev.rollwatch.executor.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Who works on a release's Kubernetes work, and until when. The poller takes a lease in a short
 * transaction, calls Kubernetes with no transaction open, and records the outcome only if the release
 * did not change meanwhile; an instance that dies mid-call loses the release once its lease runs out.
 *
 * <p>A restore does not wait for a step in flight: scheduling it revokes the step's lease, which is
 * kept as {@code preempted} because the step's writes (a canary scale-up, a weight) can still land
 * after the restore's. A restore that started while such a step was still out is carried out again
 * once the step ended (its worker {@linkplain #preemptedEnded ends} the mark) or its lease would have
 * run out, so the last writes on the cluster are always the restore's.
 *
 * @param owner          the lease holder (one per claim), or null
 * @param until          when the lease runs out
 * @param preemptedOwner the lease a restore revoked while its work was in flight, or null
 * @param preemptedUntil when that lease would have run out
 */
public record Lease(String owner, Instant until, String preemptedOwner, Instant preemptedUntil) {

    public static final Lease NONE = new Lease(null, null, null, null);

    /** Whether someone holds the release at {@code now}. */
    public boolean heldAt(Instant now) {
        return owner != null && until != null && until.isAfter(now);
    }

    /** Whether a pre-empted step may still write at {@code now}. */
    public boolean preemptedOutAt(Instant now) {
        return preemptedOwner != null && preemptedUntil != null && preemptedUntil.isAfter(now);
    }

    /** Taken for {@code duration}; a pre-empted step whose lease ran out is taken for dead. */
    public Lease claimedBy(String claimant, Instant now, Duration duration) {
        Objects.requireNonNull(claimant);
        return preemptedOutAt(now)
                ? new Lease(claimant, now.plus(duration), preemptedOwner, preemptedUntil)
                : new Lease(claimant, now.plus(duration), null, null);
    }

    /**
     * A restore was scheduled. The work in flight, unless it is already a restore (it writes the same
     * stable state), loses its lease, so the restore can start at once; it is remembered as pre-empted.
     */
    public Lease restoreScheduled(boolean restoreWasPending, Instant now) {
        if (restoreWasPending || !heldAt(now)) {
            return this;
        }
        return new Lease(null, null, owner, until);
    }

    /** The claimant recorded its outcome or gave it up: its lease ends (if it still holds it). */
    public Lease released(String claimant) {
        return Objects.equals(owner, claimant) ? new Lease(null, null, preemptedOwner, preemptedUntil) : this;
    }

    /** The claimant's Kubernetes work is over: if a restore pre-empted it, its writes can no longer land. */
    public Lease preemptedEnded(String claimant) {
        return Objects.equals(preemptedOwner, claimant) ? new Lease(owner, until, null, null) : this;
    }

    /**
     * When a restore that raced a pre-empted step is carried out again: as soon as the step ended, at the
     * latest when its lease would have run out.
     */
    public Instant rerunAt(Instant now) {
        return preemptedOutAt(now) ? preemptedUntil : now;
    }
}
