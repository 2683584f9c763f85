package dev.rollwatch.executor.traffic;

import dev.rollwatch.events.Weights;

/**
 * @param weights     the weights now in force
 * @param description what was changed, for people
 */
public record Routed(Weights weights, String description) {}
