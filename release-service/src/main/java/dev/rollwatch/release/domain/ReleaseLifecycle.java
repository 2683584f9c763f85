package dev.rollwatch.release.domain;

import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.HealthPassed;
import dev.rollwatch.events.HealthWarning;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.codec.EventJson;

/**
 * The release state machine. It is driven by what the other services report: the executor's phase
 * after each step decides progress and outcome, the rollback-service's decision starts a rollback,
 * the health monitor's evidence is kept. An event that does not fit the current state (a step
 * reported after the release ended, a second rollback decision) is ignored, never forced.
 *
 * <pre>
 * PENDING ─step─▶ PROGRESSING ⇄ PAUSED ─promoted─▶ SUCCEEDED
 *    │               │             │
 *    └──rollback.triggered─────────┴─▶ ROLLING_BACK ─restored─▶ ROLLED_BACK | ABORTED
 * any non-terminal ─step failed─▶ FAILED
 * </pre>
 */
public final class ReleaseLifecycle {

    private ReleaseLifecycle() {}

    /** What {@code event} (other than the release's own request) does to a release in {@code current}. */
    public static Transition apply(ReleaseProgress current, ReleaseEvent event) {
        if (event instanceof StepCompleted step) {
            return onStep(current, step);
        }
        if (event instanceof HealthDegraded health) {
            return onHealthDegraded(current, health);
        }
        if (event instanceof RollbackTriggered rollback) {
            return onRollback(current, rollback);
        }
        if (event instanceof ReleaseCommand command) {
            return Transition.noted(
                    current,
                    command.command().name().toLowerCase() + " requested by " + command.requestedBy()
                            + (command.reason() == null ? "" : ": " + command.reason()));
        }
        if (event instanceof HealthWarning warning) {
            return Transition.noted(
                    current,
                    "health " + warning.verdict() + (warning.holdRequested() ? " (hold requested)" : "") + ": "
                            + warning.message());
        }
        if (event instanceof HealthPassed passed) {
            // The executor's go-ahead for the next step, not a change of the release: kept for the audit
            // trail, so the history shows which verdict each raise of the new version's traffic waited for.
            return Transition.noted(
                    current,
                    "judged HEALTHY at " + passed.canaryWeight() + "% (" + passed.sourceType() + "): "
                            + passed.summary());
        }
        if (event instanceof RollbackNotice notice) {
            return Transition.noted(current, notice.severity().name().toLowerCase() + ": " + notice.message());
        }
        return Transition.ignored(
                current,
                "not an event that changes a release: " + event.getClass().getSimpleName());
    }

    private static Transition onStep(ReleaseProgress current, StepCompleted step) {
        if (current.state().isTerminal()) {
            return Transition.ignored(current, "step reported after the release ended " + current.state());
        }
        boolean restoring = step.phase() == StepCompleted.Phase.ROLLED_BACK
                || step.phase() == StepCompleted.Phase.ABORTED
                || step.phase() == StepCompleted.Phase.FAILED;
        Integer index = step.stepIndex() >= 0 ? Integer.valueOf(step.stepIndex()) : current.currentStep();
        ReleaseProgress moved =
                current.withStep(index, step.stepCount(), step.weights().canary());
        if (current.state() == ReleaseState.ROLLING_BACK && step.phase() == StepCompleted.Phase.COMPLETED) {
            // The executor promoted before the decision reached it (each topic is consumed on its own):
            // the new version is what runs, and the rollback restores nothing.
            return Transition.applied(
                    moved.withState(
                                    ReleaseState.SUCCEEDED,
                                    "promoted before the rollback "
                                            + "decision reached the executor; nothing was restored (" + current.reason()
                                            + ")")
                            .finishedAt(step.completedAt()),
                    describe(step));
        }
        if (current.state() == ReleaseState.ROLLING_BACK && !restoring) {
            return Transition.ignored(current, "step " + step.action() + " superseded by the rollback in progress");
        }
        String what = describe(step);
        return switch (step.phase()) {
            case PROGRESSING -> Transition.applied(moved.withState(ReleaseState.PROGRESSING, null), what);
            case PAUSED -> Transition.applied(moved.withState(ReleaseState.PAUSED, step.message()), what);
            case COMPLETED ->
                Transition.applied(moved.withState(ReleaseState.SUCCEEDED, null).finishedAt(step.completedAt()), what);
            case FAILED ->
                Transition.applied(
                        moved.withState(ReleaseState.FAILED, step.message()).finishedAt(step.completedAt()), what);
            case ROLLED_BACK ->
                Transition.applied(
                        moved.withState(ReleaseState.ROLLED_BACK, current.reason())
                                .finishedAt(step.completedAt()),
                        what);
            case ABORTED ->
                Transition.applied(
                        moved.withState(ReleaseState.ABORTED, current.reason()).finishedAt(step.completedAt()), what);
        };
    }

    private static Transition onHealthDegraded(ReleaseProgress current, HealthDegraded health) {
        // Topics are consumed independently: evidence can arrive after the rollback it caused. What
        // was measured while the release ran is kept whenever it arrives.
        boolean measuredWhileRunning = !current.state().isTerminal()
                || (current.finishedAt() != null && !health.detectedAt().isAfter(current.finishedAt()));
        if (!measuredWhileRunning) {
            return Transition.ignored(current, "health reported after the release ended " + current.state());
        }
        String summary = health.summary() != null
                ? health.summary()
                : "degraded for " + health.consecutiveWindows() + " consecutive windows";
        return Transition.applied(current.withHealth(health), "health degraded: " + summary);
    }

    private static Transition onRollback(ReleaseProgress current, RollbackTriggered rollback) {
        String reason = reasonOf(rollback);
        if (restoredWithoutReason(current)) {
            // Topics are ordered independently: the executor's restore can be consumed before the
            // decision that caused it. The decision still explains the outcome.
            return Transition.applied(current.withState(current.state(), reason), reason);
        }
        if (current.state().isTerminal()) {
            return Transition.ignored(current, "rollback decided after the release ended " + current.state());
        }
        if (current.state() == ReleaseState.ROLLING_BACK) {
            return rollback.attempt() > 1
                    ? Transition.noted(current, "rollback re-triggered (attempt " + rollback.attempt() + ")")
                    : Transition.ignored(current, "a rollback is already in progress");
        }
        return Transition.applied(current.withState(ReleaseState.ROLLING_BACK, reason), reason);
    }

    private static boolean restoredWithoutReason(ReleaseProgress current) {
        return (current.state() == ReleaseState.ROLLED_BACK || current.state() == ReleaseState.ABORTED)
                && current.reason() == null;
    }

    private static String reasonOf(RollbackTriggered rollback) {
        return switch (rollback.reason()) {
            case HEALTH_DEGRADED ->
                "rolled back: " + (rollback.message() != null ? rollback.message() : "health degraded");
            case MANUAL_ABORT ->
                "aborted by " + rollback.triggeredBy() + (rollback.message() != null ? ": " + rollback.message() : "");
            case DECISION_DEADLINE -> "rolled back: nobody decided before the manual-policy deadline";
        };
    }

    private static String describe(StepCompleted step) {
        String outcome = step.outcome() == StepCompleted.Outcome.SUCCEEDED ? "" : " FAILED";
        String position =
                step.stepIndex() >= 0 ? " (step " + (step.stepIndex() + 1) + "/" + step.stepCount() + ")" : "";
        String detail = step.message() != null ? ": " + step.message() : "";
        return EventJson.nameOf(step.action()) + outcome + position + ", canary "
                + step.weights().canary() + "%" + detail;
    }
}
