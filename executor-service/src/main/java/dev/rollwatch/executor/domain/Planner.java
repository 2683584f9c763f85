package dev.rollwatch.executor.domain;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.validation.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns a (validated) release request into the executor's plan. */
public final class Planner {

    private Planner() {}

    /**
     * @param request          a request that passed {@code ReleaseValidator}
     * @param scaleDownDefault blue-green scale-down delay when the request names none
     * @param bakeDefault      rolling bake time when the request names none
     */
    public static Plan plan(ReleaseRequested request, Duration scaleDownDefault, Duration bakeDefault) {
        Strategy strategy = request.strategy();
        return switch (strategy.type()) {
            case CANARY -> canary(strategy.canary());
            case BLUE_GREEN -> blueGreen(strategy.blueGreen(), scaleDownDefault);
            case ROLLING -> rolling(strategy.rolling(), bakeDefault);
        };
    }

    /**
     * The update, then a bake: the new version keeps being watched before the release succeeds. A
     * rolled-out update is often too quick for its health to be judged; the bake is when a breach
     * still undoes it.
     */
    private static Plan rolling(Strategy.Rolling options, Duration bakeDefault) {
        Duration bake =
                options != null && options.bakeTime() != null ? Durations.require(options.bakeTime()) : bakeDefault;
        List<PlannedStep> steps = new ArrayList<>(List.of(PlannedStep.rollingUpdate()));
        if (!bake.isZero()) {
            steps.add(PlannedStep.pause(bake));
        }
        return new Plan(Strategy.Type.ROLLING, steps);
    }

    private static Plan canary(Strategy.Canary canary) {
        List<PlannedStep> steps = new ArrayList<>();
        for (Strategy.CanaryStep step : canary.steps()) {
            if (step.setWeight() != null) {
                steps.add(PlannedStep.setWeight(step.setWeight()));
            } else {
                String duration = step.pause().duration();
                steps.add(PlannedStep.pause(duration == null ? null : Durations.require(duration)));
            }
        }
        steps.add(PlannedStep.promote());
        return new Plan(Strategy.Type.CANARY, steps);
    }

    private static Plan blueGreen(Strategy.BlueGreen options, Duration scaleDownDefault) {
        List<PlannedStep> steps = new ArrayList<>();
        steps.add(PlannedStep.deployPreview());
        // Argo Rollouts' default: promote as soon as the preview is ready.
        if (options != null && Boolean.FALSE.equals(options.autoPromote())) {
            steps.add(PlannedStep.pause(null));
        }
        steps.add(PlannedStep.switchTraffic());
        Duration delay = options != null && options.scaleDownDelay() != null
                ? Durations.require(options.scaleDownDelay())
                : scaleDownDefault;
        steps.add(PlannedStep.scaleDown(delay));
        return new Plan(Strategy.Type.BLUE_GREEN, steps);
    }
}
