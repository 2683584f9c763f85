package dev.rollwatch.cluster.routing.replicaratio;

import dev.rollwatch.events.Weights;

/**
 * Replica counts for a canary weight. Without a mesh, traffic splits by pod count, so the split
 * can only be as fine as the replica count allows; the executor reports the effective weight
 * rather than pretending to honour the requested one.
 */
public final class ReplicaSplit {

    private ReplicaSplit() {}

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

    /**
     * Stable pods left beside {@code canary} canary pods: the total stays {@code total}, except that
     * below 100% at least one stable pod keeps serving (a one-replica app at 50% runs one of each,
     * rather than sending everything to the canary).
     */
    public static int stableReplicas(int total, int canary, int weight) {
        if (weight <= 0) {
            return total;
        }
        if (weight >= 100) {
            return 0;
        }
        return Math.max(1, total - canary);
    }

    /** The traffic share pod counts give when every pod gets an equal share. */
    public static Weights effective(int canary, int stable) {
        if (canary + stable == 0) {
            return Weights.ALL_STABLE;
        }
        return Weights.canary((int) Math.round(100.0 * canary / (canary + stable)));
    }
}
