package dev.rollwatch.executor.domain;

import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Weights;
import java.time.Instant;

/**
 * What one {@code step.completed} event will say (the service adds the recorded stable state).
 *
 * @param rollback on a rollback step, the answer to the decision; null on every other step
 */
public record StepReport(
        int stepIndex,
        StepCompleted.Action action,
        StepCompleted.Outcome outcome,
        StepCompleted.Phase phase,
        Weights weights,
        Instant startedAt,
        Instant completedAt,
        String message,
        StepCompleted.RollbackAnswer rollback) {

    /** A step that answers no rollback decision. */
    public StepReport(
            int stepIndex,
            StepCompleted.Action action,
            StepCompleted.Outcome outcome,
            StepCompleted.Phase phase,
            Weights weights,
            Instant startedAt,
            Instant completedAt,
            String message) {
        this(stepIndex, action, outcome, phase, weights, startedAt, completedAt, message, null);
    }
}
