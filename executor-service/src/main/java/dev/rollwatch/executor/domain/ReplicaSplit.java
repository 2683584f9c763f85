package dev.rollwatch.executor.domain;

import dev.rollwatch.events.Weights;

/**
 * Replica counts for a canary weight. Without a mesh, traffic splits by pod count, so the split
 * can only be as fine as the replica count allows; the executor reports the effective weight
 * rather than pretending to honour the requested one.
 */
public final class ReplicaSplit {

    private ReplicaSplit() {
    }

    /** Canary pods for {@code weight}% of {@code total}: at least one for any positive weight. */
    public static int canaryReplicas(int total, int weight) {
        if (weight <= 0) {
            return 0;
        }
        int base = Math.max(total, 1);
        if (weight >= 100) {
            return base;
        }
        int replicas = (int) Math.ceil(base * weight / 100.0);
        return Math.max(1, Math.min(base, replicas));
    }

    /** Stable pods left beside {@code canary} canary pods when the total stays {@code total}. */
    public static int stableReplicas(int total, int canary) {
        return Math.max(0, total - canary);
    }

    /** The traffic share pod counts give when every pod gets an equal share. */
    public static Weights effective(int canary, int stable) {
        if (canary + stable == 0) {
            return Weights.ALL_STABLE;
        }
        return Weights.canary((int) Math.round(100.0 * canary / (canary + stable)));
    }
}
