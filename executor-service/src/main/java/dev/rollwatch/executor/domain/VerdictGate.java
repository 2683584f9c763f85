package dev.rollwatch.executor.domain;

import dev.rollwatch.events.StepCompleted.Action;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.Weights;
import java.time.Instant;

/**
 * The gate that keeps a watched release from widening its new version's exposure before the health
 * monitor judged it: the verdicts so far, which exposure is in force, and whether a step must wait.
 * Kept apart from {@link Rollout}, which decides when to wait and how to go on once judged; this only
 * knows what was judged and whether it still holds.
 */
final class VerdictGate {

    private final Plan plan;
    private Verdicts verdicts;

    VerdictGate(Plan plan, Verdicts verdicts) {
        this.plan = plan;
        this.verdicts = verdicts;
    }

    Verdicts verdicts() {
        return verdicts;
    }

    /** {@code step} took the weights from {@code before} to {@code after}: a new exposure voids earlier verdicts. */
    void stepDone(PlannedStep step, Weights before, Weights after, Instant now) {
        if (after.canary() != before.canary() || step.action() == Action.ROLLING_UPDATE) {
            verdicts = verdicts.exposed(now);
        }
    }

    /** The health monitor judged the new version HEALTHY at {@code weight}. */
    void passed(int weight, Instant now) {
        verdicts = verdicts.passed(weight, now);
    }

    /** An operator's explicit go-ahead stands in for the verdict at the exposure in force. */
    void waived(Weights weights, Instant now) {
        verdicts = verdicts.passed(exposureWeight(weights), now);
    }

    /** Whether a verdict holds for the exposure in force. */
    boolean holds(Weights weights) {
        return verdicts.healthyAt(exposureWeight(weights));
    }

    /** Whether {@code step} must wait for a verdict on the exposure in force before it starts. */
    boolean awaits(PlannedStep step, Weights weights, boolean promoteRequested) {
        return Plan.widensExposure(step) && unjudged(weights, promoteRequested);
    }

    /** The release waits for verdicts, its new version is exposed, and nobody judged this exposure yet. */
    boolean unjudged(Weights weights, boolean promoteRequested) {
        return plan.verdictRequired()
                && !promoteRequested
                && exposureWeight(weights) > 0
                && !verdicts.healthyAt(exposureWeight(weights));
    }

    /**
     * The new version's share of traffic as the health monitor sees it: the canary weight, or all of it
     * once a rolling update has replaced the pods in place (the weights then say "stable", since the
     * Deployment is the stable one).
     */
    int exposureWeight(Weights weights) {
        boolean rolledOut = plan.strategy() == Strategy.Type.ROLLING && verdicts.exposedAt() != null;
        return rolledOut ? 100 : weights.canary();
    }

    String exposure(Weights weights) {
        return exposureWeight(weights) + "%";
    }
}
