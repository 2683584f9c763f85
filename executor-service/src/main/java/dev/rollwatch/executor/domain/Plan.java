package dev.rollwatch.executor.domain;

import dev.rollwatch.events.Strategy;
import java.util.List;

/**
 * The ordered steps of one release. The last step makes the new version the stable one (promote,
 * the blue-green scale-down or the rolling update).
 *
 * @param strategy        canary, blue-green or rolling
 * @param steps           the steps, in order
 * @param verdictRequired whether a step that gives the new version more traffic, or makes it
 *                        permanent, waits for the health monitor's HEALTHY verdict at the exposure in
 *                        force ({@link Verdicts}); false for a release no metric source watches
 */
public record Plan(Strategy.Type strategy, List<PlannedStep> steps, boolean verdictRequired) {

    /** A plan whose steps advance on their own (no verdicts awaited). */
    public Plan(Strategy.Type strategy, List<PlannedStep> steps) {
        this(strategy, steps, false);
    }

    public Plan {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one step");
        }
        steps = List.copyOf(steps);
    }

    /** The same steps, awaiting verdicts or not. */
    public Plan withVerdicts(boolean required) {
        return new Plan(strategy, steps, required);
    }

    /**
     * Whether the step gives the new version more traffic or makes it permanent: such a step waits
     * for a verdict on the exposure before it.
     */
    public static boolean widensExposure(PlannedStep step) {
        return switch (step.action()) {
            case SET_WEIGHT, PROMOTE, SCALE_DOWN -> true;
            default -> false;
        };
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
