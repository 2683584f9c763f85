package dev.rollwatch.executor.domain;

import dev.rollwatch.events.Strategy;
import java.util.List;

/**
 * The ordered steps of one release. The last step makes the new version the stable one (promote,
 * the blue-green scale-down or the rolling update).
 */
public record Plan(Strategy.Type strategy, List<PlannedStep> steps) {

    public Plan {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one step");
        }
        steps = List.copyOf(steps);
    }

    public int size() {
        return steps.size();
    }

    public PlannedStep step(int index) {
        return steps.get(index);
    }

    public boolean isLast(int index) {
        return index == steps.size() - 1;
    }

    /** The first step at or after {@code index} that a promote command does not skip. */
    public int firstUnskippableFrom(int index) {
        int i = index;
        while (i < steps.size() - 1 && steps.get(i).skippable()) {
            i++;
        }
        return i;
    }
}
