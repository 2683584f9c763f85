package dev.rollwatch.executor.domain;

import dev.rollwatch.events.StepCompleted.Action;
import java.time.Duration;

/**
 * One step of a release's plan.
 *
 * @param action    what the step does
 * @param weight    canary weight of a {@code setWeight} step
 * @param duration  length of a {@code pause} (null: until resumed or promoted), or the delay before a
 *                  {@code scaleDown} starts
 * @param skippable a promote command skips it (canary steps and pauses; never a step that makes the
 *                  new version serve traffic before it is ready)
 */
public record PlannedStep(Action action, Integer weight, Duration duration, boolean skippable) {

    public static PlannedStep setWeight(int weight) {
        return new PlannedStep(Action.SET_WEIGHT, weight, null, true);
    }

    public static PlannedStep pause(Duration duration) {
        return new PlannedStep(Action.PAUSE, null, duration, true);
    }

    public static PlannedStep deployPreview() {
        return new PlannedStep(Action.DEPLOY_PREVIEW, null, null, false);
    }

    public static PlannedStep switchTraffic() {
        return new PlannedStep(Action.SWITCH_TRAFFIC, null, null, false);
    }

    public static PlannedStep scaleDown(Duration delay) {
        return new PlannedStep(Action.SCALE_DOWN, null, delay, false);
    }

    public static PlannedStep rollingUpdate() {
        return new PlannedStep(Action.ROLLING_UPDATE, null, null, false);
    }

    public static PlannedStep promote() {
        return new PlannedStep(Action.PROMOTE, null, null, false);
    }

    public boolean isPause() {
        return action == Action.PAUSE;
    }

    public boolean isIndefinitePause() {
        return isPause() && duration == null;
    }

    @Override
    public String toString() {
        return switch (action) {
            case SET_WEIGHT -> "setWeight " + weight + "%";
            case PAUSE -> duration == null ? "pause until resumed" : "pause " + duration;
            case SCALE_DOWN -> "scaleDown after " + duration;
            default -> action.name();
        };
    }
}
