package dev.rollwatch.executor.domain;

/**
 * What the Deployment controller reports about a Deployment, read from its status.
 *
 * @param name               the Deployment
 * @param desired            spec.replicas
 * @param generation         metadata.generation (bumped by every spec change)
 * @param observedGeneration status.observedGeneration (the spec the controller has acted on)
 * @param replicas           status.replicas (pods of every revision)
 * @param updated            status.updatedReplicas (pods of the current template)
 * @param ready              status.readyReplicas
 * @param available          status.availableReplicas
 */
public record DeploymentStatus(
        String name,
        int desired,
        long generation,
        long observedGeneration,
        int replicas,
        int updated,
        int ready,
        int available) {

    /**
     * The rollout is complete, as {@code kubectl rollout status} judges it: the controller saw the
     * latest spec, every desired pod runs the current template and is available, no old pod is left.
     */
    public boolean rolledOut() {
        return observedGeneration >= generation
                && updated >= desired
                && ready >= desired
                && available >= desired
                && replicas <= updated;
    }

    /** One line for people, e.g. {@code checkout-canary: 1/2 ready, 2 updated, 1 available}. */
    public String describe() {
        if (observedGeneration < generation) {
            return name + ": the Deployment controller has not seen the change yet (generation " + generation
                    + ", observed " + observedGeneration + ")";
        }
        String old = replicas > updated ? ", " + (replicas - updated) + " old pods pending termination" : "";
        return name + ": " + ready + "/" + desired + " ready, " + updated + " updated, " + available + " available"
                + old;
    }
}
