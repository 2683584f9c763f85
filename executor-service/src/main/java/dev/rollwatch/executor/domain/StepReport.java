package dev.rollwatch.executor.domain;

import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Weights;
import java.time.Instant;

/** What one {@code step.completed} event will say (the service adds the recorded stable state). */
public record StepReport(
        int stepIndex,
        StepCompleted.Action action,
        StepCompleted.Outcome outcome,
        StepCompleted.Phase phase,
        Weights weights,
        Instant startedAt,
        Instant completedAt,
        String message) {}
