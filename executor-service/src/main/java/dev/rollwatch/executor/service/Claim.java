package dev.rollwatch.executor.service;

import dev.rollwatch.executor.domain.Work;
import java.time.Instant;

/**
 * A release leased for Kubernetes work: what the lease committed, for the work done outside any
 * transaction and for the check before its outcome is recorded.
 *
 * @param releaseId the release
 * @param owner     the lease's owner, one per claim
 * @param version   the row's version once the lease committed: the outcome is recorded only at it
 * @param work      what the state machine asked for
 * @param ctx       the release as the work sees it
 * @param raced     a restore that starts while a step it pre-empted may still write: it is carried out
 *                  again once that step ended, and only that run is recorded
 * @param writeBy   the work's Kubernetes writes start before this, so none lands after the lease ran out
 */
record Claim(String releaseId, String owner, long version, Work work, RunContext ctx, boolean raced, Instant writeBy) {

    boolean restore() {
        return work instanceof Work.Restore;
    }
}
