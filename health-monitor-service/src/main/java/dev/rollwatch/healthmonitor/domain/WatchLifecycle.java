package dev.rollwatch.healthmonitor.domain;

import dev.rollwatch.events.StepCompleted;
import java.util.EnumSet;
import java.util.Set;

/**
 * When to watch. A release is watched while its new version takes production traffic: a canary
 * weight above zero, a blue-green preview after the switch, a rolling update under way. It stops
 * for good when the release ends.
 */
public final class WatchLifecycle {

    private static final Set<StepCompleted.Phase> FINAL = EnumSet.of(
            StepCompleted.Phase.COMPLETED,
            StepCompleted.Phase.FAILED,
            StepCompleted.Phase.ROLLED_BACK,
            StepCompleted.Phase.ABORTED);
    /**
     * Reports that move no traffic. Their weights describe the canary split only, which a blue-green or
     * rolling release never has: read as a weight, the executor's "waiting for a verdict" pause after a
     * switch would say 0% and stop the very watch whose verdict it waits for.
     */
    private static final Set<StepCompleted.Action> KEEP_TRAFFIC =
            EnumSet.of(StepCompleted.Action.PAUSE, StepCompleted.Action.RESUME, StepCompleted.Action.SCALE_DOWN);

    private WatchLifecycle() {}

    /**
     * Where the watch stands after a step.
     *
     * @param state         the watch's state before it
     * @param step          the step
     * @return the new state and the canary weight in force
     */
    public static Change onStep(WatchState state, StepCompleted step) {
        if (state == WatchState.ENDED) {
            return new Change(WatchState.ENDED, null, null);
        }
        if (FINAL.contains(step.phase()) || step.action() == StepCompleted.Action.ROLLBACK) {
            return new Change(WatchState.ENDED, 0, "release " + describe(step.phase()));
        }
        if (KEEP_TRAFFIC.contains(step.action())) {
            return new Change(state, null, null);
        }
        int weight = trafficWeight(step);
        if (state == WatchState.AWAITING_REQUEST) {
            return new Change(WatchState.AWAITING_REQUEST, weight, null);
        }
        return new Change(weight > 0 ? WatchState.WATCHING : WatchState.WAITING_FOR_TRAFFIC, weight, null);
    }

    /** Where a watch stands once its release request arrived (possibly after some steps). */
    public static Change onRequested(WatchState state, Integer knownWeight) {
        if (state == WatchState.ENDED) {
            return new Change(WatchState.ENDED, null, null);
        }
        int weight = knownWeight == null ? 0 : knownWeight;
        return new Change(weight > 0 ? WatchState.WATCHING : WatchState.WAITING_FOR_TRAFFIC, weight, null);
    }

    /** A rollback decision ends the watch: the stable version is being restored. */
    public static Change onRollbackTriggered() {
        return new Change(WatchState.ENDED, 0, "rollback triggered");
    }

    /**
     * The share of production traffic the new version takes after a step. Blue-green and rolling
     * executors may report the switch or update itself rather than a weight; the new version then
     * takes all of it.
     */
    static int trafficWeight(StepCompleted step) {
        int canary = step.weights() == null ? 0 : step.weights().canary();
        if (canary > 0) {
            return canary;
        }
        boolean switched = step.outcome() == StepCompleted.Outcome.SUCCEEDED
                && (step.action() == StepCompleted.Action.SWITCH_TRAFFIC
                        || step.action() == StepCompleted.Action.ROLLING_UPDATE);
        return switched ? 100 : 0;
    }

    private static String describe(StepCompleted.Phase phase) {
        return switch (phase) {
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            case ROLLED_BACK -> "rolled back";
            case ABORTED -> "aborted";
            default -> "rolled back";
        };
    }

    /**
     * @param state     the new state
     * @param weight    the canary weight in force, or null when unchanged
     * @param endReason why the watch ended, when it just did
     */
    public record Change(WatchState state, Integer weight, String endReason) {}
}
