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
import dev.rollwatch.events.StepCompleted.RollbackAnswer;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.outcome.ReleaseOutcome;
import java.time.Instant;
import java.util.Optional;

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
 *                                          │                  ▲ (a retry restored it)
 *                                          └─restore failed─▶ RESTORE_FAILED ─resolved─▶ FAILED
 * any non-terminal ─step failed─▶ FAILED (or RESTORE_FAILED when its restore failed)
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

    /**
     * One of the release-service's own events about the release (on {@code topic}) can never be published:
     * Kafka refused it for good. A request nobody else ever saw leaves the release with nothing to run
     * it: it fails at once with the reason, so the application is free again and people know why. Any
     * other event (a status, a command) is kept in the history; the release goes on.
     */
    public static Transition unpublished(ReleaseProgress current, String topic, String reason, Instant at) {
        String what = "its " + topic + " event could not be published: " + reason;
        if (Topics.RELEASE_REQUESTED.equals(topic) && current.state() == ReleaseState.PENDING) {
            return Transition.applied(
                    current.withState(ReleaseState.FAILED, "nothing was started: " + what)
                            .finishedAt(at),
                    "failed: " + what);
        }
        return Transition.noted(current, what);
    }

    private static Transition onStep(ReleaseProgress current, StepCompleted step) {
        Optional<ReleaseState> next = ReleaseOutcome.afterStep(current.state(), step);
        if (next.isEmpty()) {
            if (!current.state().isTerminal()) {
                return Transition.ignored(current, "step " + step.action() + " superseded by the rollback in progress");
            }
            // The executor's answer to a decision that came after the end is a fact people need.
            return step.action() == StepCompleted.Action.ROLLBACK
                    ? Transition.noted(
                            current, ReleaseOutcome.summary(ReleaseOutcome.answerOf(step)) + ": " + describe(step))
                    : Transition.ignored(current, "step reported after the release ended " + current.state());
        }
        Integer index = step.stepIndex() >= 0 ? Integer.valueOf(step.stepIndex()) : current.currentStep();
        ReleaseProgress moved =
                current.withStep(index, step.stepCount(), step.weights().canary());
        ReleaseState state = next.get();
        ReleaseProgress ended = moved.withState(state, reasonAfter(current, step, state));
        return Transition.applied(state.isTerminal() ? ended.finishedAt(step.completedAt()) : ended, describe(step));
    }

    /** Why a release is in the state a step moved it to, in the words the notifier uses too. */
    private static String reasonAfter(ReleaseProgress current, StepCompleted step, ReleaseState state) {
        if (state == ReleaseState.RESTORE_FAILED) {
            return ReleaseOutcome.RESTORE_FAILED_SUMMARY + " (" + step.message() + ")";
        }
        if (current.state() == ReleaseState.RESTORE_FAILED) {
            // The restore ended at last (a retry, or an operator's resolve): the step says how.
            return step.message();
        }
        boolean rollingBack = current.state() == ReleaseState.ROLLING_BACK;
        if (step.action() == StepCompleted.Action.ROLLBACK) {
            RollbackAnswer answer = ReleaseOutcome.answerOf(step);
            if (answer == RollbackAnswer.RESTORED) {
                return current.reason();
            }
            return ReleaseOutcome.summary(answer) + " (" + (rollingBack ? current.reason() : step.message()) + ")";
        }
        if (rollingBack && state == ReleaseState.SUCCEEDED) {
            // The executor promoted before the decision reached it (each topic is consumed on its own).
            return ReleaseOutcome.summary(RollbackAnswer.TOO_LATE) + " (" + current.reason() + ")";
        }
        return switch (state) {
            case PAUSED, FAILED -> step.message();
            case ROLLED_BACK, ABORTED -> current.reason();
            default -> null;
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
        if (current.state() == ReleaseState.RESTORE_FAILED) {
            return Transition.noted(current, "rollback decided again while the failed restore is being retried");
        }
        if (!ReleaseOutcome.startsRollback(current.state())) {
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
