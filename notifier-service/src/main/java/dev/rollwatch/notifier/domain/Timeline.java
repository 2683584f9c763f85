package dev.rollwatch.notifier.domain;

import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.HealthWarning;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.StepCompleted.RollbackAnswer;
import dev.rollwatch.events.outcome.ReleaseOutcome;
import dev.rollwatch.notifier.domain.IncidentStep.ComponentStatus;
import dev.rollwatch.notifier.domain.IncidentStep.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what each event about a release means for the people watching it: the state its parent
 * message shows, the reply in its thread, and what happens to its status-page incident.
 * <p>
 * Topics are consumed independently, so events arrive out of causal order (a step reported before
 * the rollback that followed it may be consumed after it). The rules keep the parent honest anyway:
 * once a rollback started, only rollback news moves the state; a settled release moves again only for
 * a new rollback decision. Every event still gets its reply: it is a fact people may want.
 * <p>
 * Incidents are about what users of the application feel: a breach, an automatic or deadline
 * rollback, a freeze or an unverified restore opens one; a manual abort of a healthy release does not.
 */
public final class Timeline {

    private Timeline() {}

    public static Change apply(ReleaseView view, ReleaseEvent event) {
        Objects.requireNonNull(view, "view");
        if (event instanceof StepCompleted step) {
            return step(view, step);
        }
        if (event instanceof HealthDegraded degraded) {
            return degraded(view, degraded);
        }
        if (event instanceof RollbackTriggered rollback) {
            return rollback(view, rollback);
        }
        if (event instanceof RollbackNotice notice) {
            return notice(view, notice);
        }
        if (event instanceof HealthWarning warning) {
            return warning(view, warning);
        }
        if (event instanceof ReleaseCommand command) {
            return command(view, command);
        }
        throw new IllegalArgumentException(
                "The timeline does not take " + event.getClass().getSimpleName());
    }

    private static Change step(ReleaseView view, StepCompleted step) {
        Integer number = step.stepIndex() >= 0 ? Integer.valueOf(step.stepIndex() + 1) : view.step();
        Integer weight = step.weights() == null
                ? view.canaryWeight()
                : Integer.valueOf(step.weights().canary());
        ReleaseView next = view.withProgress(number, step.stepCount(), weight);
        RollbackAnswer answer = step.action() == StepCompleted.Action.ROLLBACK ? ReleaseOutcome.answerOf(step) : null;
        Optional<ReleaseState> outcome = ReleaseOutcome.afterStep(view.state().release(), step);
        // A breach or a freeze stays on the parent until the release ends one way or the other.
        boolean breachShown = view.state() == DisplayState.DEGRADED || view.state() == DisplayState.FROZEN;
        if (outcome.isPresent()
                && outcome.get() != view.state().release()
                && !(breachShown && !outcome.get().isTerminal())) {
            next = next.with(displayOf(outcome.get()), noteOf(step, answer, outcome.get()));
        }

        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("step", number);
        vars.put("stepCount", step.stepCount());
        vars.put("weight", weight);
        vars.put("stableWeight", step.weights() == null ? null : step.weights().stable());
        vars.put("message", step.message());
        vars.put("stableImage", step.stable() == null ? null : step.stable().image());
        vars.put("action", step.action() == null ? null : step.action().name());
        vars.put("answer", answer == null ? null : ReleaseOutcome.summary(answer));
        return change(view, next, reply(view, step, answer, vars), incident(view, step, answer));
    }

    /** The thread's reply: a rollback is answered by what the executor did, every other step by its outcome. */
    private static Notice reply(ReleaseView view, StepCompleted step, RollbackAnswer answer, Map<String, Object> vars) {
        if (step.phase() == StepCompleted.Phase.RESTORE_FAILED) {
            // The old version may keep its traffic until someone acts: paged, once (the executor reports it once).
            return new Notice(NoticeKind.RESTORE_FAILED, Tone.CRITICAL, true, vars, List.of());
        }
        if (answer == RollbackAnswer.FAILED && view.state() == DisplayState.RESTORE_FAILED) {
            // The end people asked for: the restore is no longer tried.
            return new Notice(NoticeKind.RESTORE_RESOLVED, Tone.WARNING, false, vars, List.of());
        }
        if (answer != null) {
            return switch (answer) {
                case RESTORED -> new Notice(NoticeKind.STEP_ROLLBACK, stepTone(step), false, vars, List.of());
                case FAILED -> new Notice(NoticeKind.STEP_FAILED, Tone.CRITICAL, true, vars, List.of());
                // The degraded version stays: someone has to release the previous one.
                case TOO_LATE -> new Notice(NoticeKind.ROLLBACK_ANSWERED, Tone.WARNING, true, vars, List.of());
                case NOTHING_CHANGED, SUPERSEDED ->
                    new Notice(NoticeKind.ROLLBACK_ANSWERED, Tone.INFO, false, vars, List.of());
            };
        }
        return step.outcome() == StepCompleted.Outcome.FAILED
                ? new Notice(NoticeKind.STEP_FAILED, Tone.DANGER, false, vars, List.of())
                : new Notice(stepKind(step.action()), stepTone(step), false, vars, List.of());
    }

    private static IncidentStep incident(ReleaseView view, StepCompleted step, RollbackAnswer answer) {
        if (view.incident() != IncidentState.OPEN) {
            return null;
        }
        if (answer == RollbackAnswer.TOO_LATE) {
            return new IncidentStep(
                    DeliveryKind.INCIDENT_UPDATE,
                    Status.IDENTIFIED,
                    ComponentStatus.DEGRADED_PERFORMANCE,
                    "incident.rollback-too-late");
        }
        if (answer == RollbackAnswer.NOTHING_CHANGED || answer == RollbackAnswer.SUPERSEDED) {
            return null;
        }
        if (step.phase() == StepCompleted.Phase.RESTORE_FAILED) {
            return new IncidentStep(
                    DeliveryKind.INCIDENT_UPDATE,
                    Status.IDENTIFIED,
                    ComponentStatus.PARTIAL_OUTAGE,
                    "incident.restore-unverified");
        }
        if (view.state() == DisplayState.RESTORE_FAILED) {
            // Resolved by people, who also speak for the status page.
            return null;
        }
        if (step.outcome() == StepCompleted.Outcome.FAILED) {
            return new IncidentStep(
                    DeliveryKind.INCIDENT_UPDATE,
                    Status.IDENTIFIED,
                    ComponentStatus.PARTIAL_OUTAGE,
                    "incident.step-failed");
        }
        if (answer == RollbackAnswer.RESTORED) {
            return new IncidentStep(
                    DeliveryKind.INCIDENT_UPDATE,
                    Status.MONITORING,
                    ComponentStatus.DEGRADED_PERFORMANCE,
                    "incident.restoring");
        }
        return null;
    }

    /** The parent's state for an outcome; a breach or a freeze stays shown while the release runs. */
    private static DisplayState displayOf(ReleaseState state) {
        return switch (state) {
            case PENDING -> DisplayState.REQUESTED;
            case PROGRESSING -> DisplayState.PROGRESSING;
            case PAUSED -> DisplayState.PAUSED;
            case ROLLING_BACK -> DisplayState.ROLLING_BACK;
            case RESTORE_FAILED -> DisplayState.RESTORE_FAILED;
            case SUCCEEDED -> DisplayState.SUCCEEDED;
            case ROLLED_BACK -> DisplayState.ROLLED_BACK;
            case FAILED -> DisplayState.FAILED;
            case ABORTED -> DisplayState.ABORTED;
        };
    }

    private static String noteOf(StepCompleted step, RollbackAnswer answer, ReleaseState outcome) {
        if (answer != null && answer != RollbackAnswer.RESTORED) {
            return ReleaseOutcome.summary(answer) + (step.message() == null ? "" : " (" + step.message() + ")");
        }
        // A pause says what it waits for (a verdict, an operator, its timer): on-call people need to know
        // whether to act.
        return outcome.isTerminal() || outcome == ReleaseState.PAUSED || step.outcome() == StepCompleted.Outcome.FAILED
                ? step.message()
                : null;
    }

    private static NoticeKind stepKind(StepCompleted.Action action) {
        return switch (action) {
            case SET_WEIGHT -> NoticeKind.STEP_WEIGHT;
            case PAUSE -> NoticeKind.STEP_PAUSE;
            case RESUME -> NoticeKind.STEP_RESUME;
            case DEPLOY_PREVIEW -> NoticeKind.STEP_DEPLOY_PREVIEW;
            case SWITCH_TRAFFIC -> NoticeKind.STEP_SWITCH_TRAFFIC;
            case ROLLING_UPDATE -> NoticeKind.STEP_ROLLING_UPDATE;
            case PROMOTE -> NoticeKind.STEP_PROMOTE;
            case SCALE_DOWN -> NoticeKind.STEP_SCALE_DOWN;
            case ROLLBACK -> NoticeKind.STEP_ROLLBACK;
        };
    }

    private static Tone stepTone(StepCompleted step) {
        return switch (step.phase()) {
            case COMPLETED -> Tone.SUCCESS;
            case PAUSED -> Tone.WARNING;
            case ROLLED_BACK, ABORTED, FAILED -> Tone.DANGER;
            case RESTORE_FAILED -> Tone.CRITICAL;
            case PROGRESSING -> Tone.INFO;
        };
    }

    private static Change degraded(ReleaseView view, HealthDegraded degraded) {
        ReleaseView next = view;
        IncidentStep incident = null;
        boolean late = view.state().inRollback() || view.state().settled();
        if (!late) {
            next = view.with(DisplayState.DEGRADED, degraded.summary());
            incident =
                    openOrUpdate(view, Status.INVESTIGATING, ComponentStatus.DEGRADED_PERFORMANCE, "incident.degraded");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("summary", degraded.summary());
        vars.put("consecutiveWindows", degraded.consecutiveWindows());
        vars.put("canaryWeight", degraded.canaryWeight());
        vars.put("sourceType", degraded.sourceType());
        vars.put("detectedAt", Formats.time(degraded.detectedAt()));
        vars.put("breachStartedAt", Formats.time(degraded.breachStartedAt()));
        vars.put("evidence", evidenceLines(degraded.evidence()));
        Notice reply =
                new Notice(NoticeKind.HEALTH_DEGRADED, Tone.WARNING, false, vars, evidenceFields(degraded.evidence()));
        return change(view, next, reply, incident);
    }

    private static Change rollback(ReleaseView view, RollbackTriggered rollback) {
        // The rule the release-service applies too: a release that has ended is not rolled back again; the
        // executor's answer (restored again, too late, superseded) says what happened.
        boolean late = !ReleaseOutcome.startsRollback(view.state().release());
        ReleaseView next = late ? view : view.with(DisplayState.ROLLING_BACK, rollback.message());
        IncidentStep incident = null;
        if (!late) {
            boolean userImpact = rollback.reason() != RollbackTriggered.Reason.MANUAL_ABORT;
            if (userImpact) {
                incident = openOrUpdate(view, Status.IDENTIFIED, ComponentStatus.PARTIAL_OUTAGE, "incident.rollback");
            } else if (view.incident() == IncidentState.OPEN) {
                incident = new IncidentStep(
                        DeliveryKind.INCIDENT_UPDATE,
                        Status.IDENTIFIED,
                        ComponentStatus.DEGRADED_PERFORMANCE,
                        "incident.rollback");
            }
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("reason", rollbackReason(rollback.reason()));
        vars.put("triggeredBy", rollback.triggeredBy());
        vars.put("attempt", rollback.attempt());
        vars.put("retrigger", rollback.attempt() > 1);
        // A re-trigger (the restore was not verified) restores again even after the release ended: it
        // reads as a rollback, not as a late decision.
        boolean lateDecision = late && rollback.attempt() <= 1;
        vars.put("late", lateDecision);
        vars.put("message", rollback.message());
        vars.put(
                "policy",
                rollback.policy() == null ? null : rollback.policy().name().toLowerCase(java.util.Locale.ROOT));
        vars.put(
                "restoreTo",
                rollback.restoreTo() == null ? null : rollback.restoreTo().image());
        vars.put("evidence", evidenceLines(rollback.evidence()));
        Notice reply = lateDecision
                ? new Notice(NoticeKind.ROLLBACK_TRIGGERED, Tone.WARNING, false, vars, List.of())
                : new Notice(NoticeKind.ROLLBACK_TRIGGERED, Tone.DANGER, rollback.attempt() > 1, vars, List.of());
        return change(view, next, reply, incident);
    }

    /** Opens the release's incident, or updates it when one is open already. */
    private static IncidentStep openOrUpdate(
            ReleaseView view, Status status, ComponentStatus component, String template) {
        return new IncidentStep(
                view.incident() == IncidentState.OPEN ? DeliveryKind.INCIDENT_UPDATE : DeliveryKind.INCIDENT_OPEN,
                status,
                component,
                template);
    }

    private static String rollbackReason(RollbackTriggered.Reason reason) {
        return switch (reason) {
            case HEALTH_DEGRADED -> "the new version broke its SLOs";
            case MANUAL_ABORT -> "an operator aborted the release";
            case DECISION_DEADLINE -> "nobody decided before the deadline";
        };
    }

    private static Change notice(ReleaseView view, RollbackNotice notice) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("message", notice.message());
        vars.put(
                "severity",
                notice.severity() == null ? null : notice.severity().name().toLowerCase(java.util.Locale.ROOT));
        vars.put("deadline", Formats.time(notice.deadline()));
        vars.put("quarantinedImage", notice.image());
        vars.put("evidence", evidenceLines(notice.evidence()));
        List<Notice.Field> fields = evidenceFields(notice.evidence());
        boolean open = view.incident() == IncidentState.OPEN;
        boolean active = !view.state().inRollback() && !view.state().settled();
        return switch (notice.kind()) {
            case RESTORE_VERIFIED ->
                change(
                        view,
                        view.with(DisplayState.RESTORE_VERIFIED, notice.message()),
                        new Notice(NoticeKind.RESTORE_VERIFIED, Tone.SUCCESS, false, vars, fields),
                        open
                                ? new IncidentStep(
                                        DeliveryKind.INCIDENT_RESOLVE,
                                        Status.RESOLVED,
                                        ComponentStatus.OPERATIONAL,
                                        "incident.resolved")
                                : null);
            case RESTORE_UNVERIFIED ->
                change(
                        view,
                        // A failed restore being retried says more than "unverified", and is not over.
                        view.state() == DisplayState.RESTORE_FAILED
                                ? view
                                : view.with(DisplayState.RESTORE_UNVERIFIED, notice.message()),
                        new Notice(NoticeKind.RESTORE_UNVERIFIED, Tone.CRITICAL, true, vars, fields),
                        openOrUpdate(
                                view,
                                Status.IDENTIFIED,
                                ComponentStatus.PARTIAL_OUTAGE,
                                "incident.restore-unverified"));
            case ROLLBACK_RECOMMENDED ->
                change(
                        view,
                        active ? view.with(DisplayState.DEGRADED, notice.message()) : view,
                        new Notice(NoticeKind.ROLLBACK_RECOMMENDED, Tone.WARNING, active, vars, fields),
                        active
                                ? openOrUpdate(
                                        view,
                                        Status.IDENTIFIED,
                                        ComponentStatus.DEGRADED_PERFORMANCE,
                                        "incident.recommended")
                                : null);
            case RELEASE_FROZEN ->
                change(
                        view,
                        active ? view.with(DisplayState.FROZEN, notice.message()) : view,
                        new Notice(NoticeKind.RELEASE_FROZEN, Tone.WARNING, active, vars, fields),
                        active
                                ? openOrUpdate(
                                        view,
                                        Status.IDENTIFIED,
                                        ComponentStatus.DEGRADED_PERFORMANCE,
                                        "incident.frozen")
                                : null);
            case ARTIFACT_QUARANTINED ->
                change(
                        view,
                        view,
                        new Notice(NoticeKind.ARTIFACT_QUARANTINED, Tone.INFO, false, vars, List.of()),
                        null);
        };
    }

    private static Change warning(ReleaseView view, HealthWarning warning) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put(
                "verdict",
                warning.verdict() == HealthWarning.Verdict.UNKNOWN
                        ? "cannot be measured"
                        : "has too little traffic to judge");
        vars.put("since", Formats.time(warning.since()));
        vars.put("sourceType", warning.sourceType());
        vars.put("message", warning.message());
        vars.put("held", warning.holdRequested());
        return change(
                view,
                view,
                new Notice(NoticeKind.HEALTH_WARNING, Tone.WARNING, warning.holdRequested(), vars, List.of()),
                null);
    }

    private static Change command(ReleaseView view, ReleaseCommand command) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("command", command.command().name().toLowerCase(java.util.Locale.ROOT));
        vars.put("requestedBy", command.requestedBy() == null ? "someone" : command.requestedBy());
        vars.put("reason", command.reason());
        return change(view, view, new Notice(NoticeKind.COMMAND, Tone.NEUTRAL, false, vars, List.of()), null);
    }

    private static Change change(ReleaseView before, ReleaseView after, Notice reply, IncidentStep incident) {
        ReleaseView next = incident == null
                ? after
                : after.withIncident(
                        switch (incident.kind()) {
                            case INCIDENT_RESOLVE -> IncidentState.RESOLVED;
                            default -> IncidentState.OPEN;
                        });
        boolean parentChanged = before.state() != next.state()
                || !Objects.equals(before.step(), next.step())
                || !Objects.equals(before.stepCount(), next.stepCount())
                || !Objects.equals(before.canaryWeight(), next.canaryWeight())
                || !Objects.equals(before.note(), next.note());
        return new Change(next, parentChanged, reply, incident);
    }

    private static List<String> evidenceLines(List<Evidence> evidence) {
        return evidence == null
                ? List.of()
                : evidence.stream().map(Formats::evidenceLine).toList();
    }

    /** The first (deciding) measurement as fields: what was measured, what came out, against what. */
    private static List<Notice.Field> evidenceFields(List<Evidence> evidence) {
        if (evidence == null || evidence.isEmpty()) {
            return List.of();
        }
        Evidence first = evidence.get(0);
        // Pod failures count pods, and reaching the limit is the breach: not a threshold to exceed.
        boolean pods = Formats.podFailures(first);
        List<Notice.Field> fields = new ArrayList<>();
        fields.add(new Notice.Field("Metric", first.metric()));
        fields.add(new Notice.Field("Observed", Formats.metricValue(first.metric(), first.observed())));
        fields.add(new Notice.Field(pods ? "Limit" : "Threshold", Formats.threshold(first)));
        if (first.window() != null) {
            fields.add(new Notice.Field("Window", first.window()));
        }
        if (first.baseline() != null) {
            fields.add(new Notice.Field("Baseline", Formats.metricValue(first.metric(), first.baseline())));
        }
        fields.add(new Notice.Field(pods ? "Pods" : "Requests", Long.toString(first.samples())));
        return fields;
    }
}
