package dev.rollwatch.rollback.domain;

/**
 * Where the one rollback decision of a release stands.
 *
 * <pre>
 *  (none) ─automatic / abort──────────────────────────▶ TRIGGERED ─restore seen─▶ VERIFIED | CONFIRMED
 *    │                                                    │  ▲
 *    ├─manual─▶ RECOMMENDED ─abort / deadline─────────────┘  └ re-trigger once (attempt 2)
 *    │             └─release finished first─▶ DISMISSED       │
 *    └─freeze─▶ FROZEN ─abort─▶ TRIGGERED                     └ not verified after attempt 2 ─▶ UNVERIFIED ─late restore─▶ VERIFIED
 *
 *  TRIGGERED | UNVERIFIED ─the executor had already promoted the release─▶ TOO_LATE
 *  TRIGGERED | UNVERIFIED ─a newer release owns the objects the restore is verified on─▶ SUPERSEDED
 *  TRIGGERED | UNVERIFIED ─the release ended before the executor changed anything─▶ NOTHING_CHANGED
 * </pre>
 */
public enum DecisionStatus {
    /** Manual policy: a rollback was recommended; waiting for an operator's abort or the deadline. */
    RECOMMENDED,
    /** Freeze policy: the release holds at its weight and people were alerted; nothing is rolled back. */
    FROZEN,
    /** A recommendation the release outran: it finished before anyone decided. */
    DISMISSED,
    /** {@code rollback.triggered} went out; waiting for the executor's restore and the cluster to show it. */
    TRIGGERED,
    /** The cluster shows the stable version ready and receiving all traffic. */
    VERIFIED,
    /** The executor confirmed the restore; the cluster is not read (verification is off). */
    CONFIRMED,
    /** Not verified after the re-trigger: people were paged. Still checked for a while, so a late restore is reported. */
    UNVERIFIED,
    /**
     * The rollback reached a release the executor had already promoted: the new version is the stable
     * one on purpose, nothing was (or will be) restored, and nothing is left to verify.
     */
    TOO_LATE,
    /**
     * A release of the same application requested later has taken over the objects the restore is
     * verified on (its canary runs, or it was promoted into the stable Deployment): the cluster has
     * moved on, so this restore is no longer verified, re-triggered or alerted on.
     */
    SUPERSEDED,
    /**
     * The release ended before the executor changed anything in the cluster (it was refused because
     * another release of its Deployment was in flight). The stable state never left; what the cluster
     * shows belongs to other releases, so there is nothing to restore or verify.
     */
    NOTHING_CHANGED;

    /** A rollback was triggered for the release (whatever became of it). */
    public boolean rollbackTriggered() {
        return this == TRIGGERED
                || this == VERIFIED
                || this == CONFIRMED
                || this == UNVERIFIED
                || this == TOO_LATE
                || this == SUPERSEDED
                || this == NOTHING_CHANGED;
    }

    /** The restore is still being watched. */
    public boolean awaitingRestore() {
        return this == TRIGGERED || this == UNVERIFIED;
    }
}
