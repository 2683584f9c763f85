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

    /** A pause that begins {@code at}: of step {@code stepIndex}, or (-1) of the release between steps. */
    static StepReport paused(int stepIndex, Weights weights, Instant at, String message) {
        return new StepReport(
                stepIndex,
                StepCompleted.Action.PAUSE,
                StepCompleted.Outcome.SUCCEEDED,
                StepCompleted.Phase.PAUSED,
                weights,
                at,
                at,
                message);
    }

    /** A pause begun at {@code startedAt} that ends {@code now}: the release makes progress again. */
    static StepReport resumed(int stepIndex, Weights weights, Instant startedAt, Instant now, String message) {
        return new StepReport(
                stepIndex,
                StepCompleted.Action.RESUME,
                StepCompleted.Outcome.SUCCEEDED,
                StepCompleted.Phase.PROGRESSING,
                weights,
                startedAt,
                now,
                message);
    }
}
