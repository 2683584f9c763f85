package dev.rollwatch.release.domain;

import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.ReleaseState;
import java.time.Instant;

/**
 * Where a release stands: the part of a release that events change.
 *
 * @param state        lifecycle state
 * @param currentStep  index of the last step the executor completed
 * @param stepCount    steps in the executor's plan
 * @param canaryWeight traffic percent on the new version
 * @param reason       why the release is in its state (failure, rollback reason)
 * @param degradedAt   when the new version was first reported degraded
 * @param finishedAt   when it reached its terminal state
 * @param lastHealth   the latest health evidence
 */
public record ReleaseProgress(
        ReleaseState state,
        Integer currentStep,
        Integer stepCount,
        Integer canaryWeight,
        String reason,
        Instant degradedAt,
        Instant finishedAt,
        HealthDegraded lastHealth) {

    public static ReleaseProgress pending() {
        return new ReleaseProgress(ReleaseState.PENDING, null, null, 0, null, null, null, null);
    }

    ReleaseProgress withState(ReleaseState newState, String newReason) {
        return new ReleaseProgress(
                newState, currentStep, stepCount, canaryWeight, newReason, degradedAt, finishedAt, lastHealth);
    }

    ReleaseProgress withStep(Integer step, Integer count, Integer weight) {
        return new ReleaseProgress(state, step, count, weight, reason, degradedAt, finishedAt, lastHealth);
    }

    ReleaseProgress finishedAt(Instant at) {
        return new ReleaseProgress(state, currentStep, stepCount, canaryWeight, reason, degradedAt, at, lastHealth);
    }

    ReleaseProgress withHealth(HealthDegraded health) {
        Instant firstDegraded = degradedAt != null ? degradedAt : health.detectedAt();
        return new ReleaseProgress(
                state, currentStep, stepCount, canaryWeight, reason, firstDegraded, finishedAt, health);
    }
}
