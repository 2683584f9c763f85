package dev.rollwatch.rollback.traffic;

import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;

/**
 * One traffic router's answer to "does the stable version receive all traffic?". Implementations
 * only read; a missing or unreadable object is a finding, not an exception.
 */
public interface TrafficCheck {

    /** VERIFIED with a short description of the routing (e.g. "VirtualService shop/checkout: 100% to checkout"). */
    Finding allTrafficToStable(RestoreTarget target, ClusterView cluster);
}
