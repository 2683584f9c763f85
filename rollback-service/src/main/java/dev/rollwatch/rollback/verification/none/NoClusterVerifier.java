package dev.rollwatch.rollback.verification.none;

import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.verification.ClusterVerifier;

/**
 * Verification against a cluster is off (no cluster to read, e.g. the local system): restores rest
 * on the executor's confirmation alone and are recorded as CONFIRMED, never as verified.
 */
public final class NoClusterVerifier implements ClusterVerifier {

    @Override
    public Finding verify(RestoreTarget target) {
        return Finding.notChecked("cluster verification is off (rollwatch.rollback.verification.cluster=none)");
    }
}
