package dev.rollwatch.events.validation;

import static dev.rollwatch.events.validation.FieldFormats.duration;

import dev.rollwatch.events.Strategy;
import java.time.Duration;
import java.util.List;

/**
 * A canary's steps: each sets a weight or pauses, weights only go up, and at least one step sends the
 * new version traffic (a canary of pauses, or of {@code setWeight: 0} alone, would never expose it).
 */
final class CanaryStepRules {

    private static final int MAX_STEPS = 50;
    private static final Duration MIN_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofDays(7);

    private CanaryStepRules() {}

    static void check(Errors errors, Strategy.Canary canary) {
        if (canary == null || canary.steps() == null || canary.steps().isEmpty()) {
            errors.add("strategy.canary.steps", "must list at least one step");
            return;
        }
        List<Strategy.CanaryStep> steps = canary.steps();
        if (steps.size() > MAX_STEPS) {
            errors.add("strategy.canary.steps", "must not have more than " + MAX_STEPS + " steps");
        }
        int lastWeight = -1;
        boolean anyWeight = false;
        for (int i = 0; i < steps.size(); i++) {
            String path = "strategy.canary.steps[" + i + "]";
            Strategy.CanaryStep step = steps.get(i);
            if (step == null || (step.setWeight() == null) == (step.pause() == null)) {
                errors.add(path, "must set exactly one of setWeight or pause");
                continue;
            }
            if (step.setWeight() != null) {
                int weight = step.setWeight();
                anyWeight = true;
                if (weight < 0 || weight > 100) {
                    errors.add(path + ".setWeight", "must be between 0 and 100");
                } else if (weight <= lastWeight) {
                    errors.add(path + ".setWeight", "must be greater than the previous weight (" + lastWeight + ")");
                } else {
                    lastWeight = weight;
                }
            } else {
                duration(errors, path + ".pause.duration", step.pause().duration(), MIN_PAUSE, MAX_PAUSE);
            }
        }
        if (!anyWeight && steps.size() <= MAX_STEPS) {
            errors.add("strategy.canary.steps", "must contain at least one setWeight step");
        } else if (anyWeight && lastWeight == 0) {
            // Weights of 0 alone never send the new version a request: nothing could judge it, and it
            // would be promoted to 100% unjudged once its steps ran out.
            errors.add(
                    "strategy.canary.steps", "must set a weight above 0 at least once: a canary at 0% is never judged");
        }
    }
}
