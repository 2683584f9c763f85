package dev.rollwatch.rollback.traffic.none;

import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.traffic.ClusterView;
import dev.rollwatch.rollback.traffic.TrafficCheck;

/**
 * No traffic router: a rolling update replaces the Deployment's pods in place, so once the
 * Deployment runs only pods of the restored template (checked by the stable Deployment check) it
 * serves all traffic. Nothing else to read.
 */
public final class NoTrafficCheck implements TrafficCheck {

    public static final NoTrafficCheck INSTANCE = new NoTrafficCheck();

    private NoTrafficCheck() {}

    @Override
    public Finding allTrafficToStable(RestoreTarget target, ClusterView cluster) {
        return Finding.verified("all pods of " + target.deployment() + " run the restored template");
    }
}
