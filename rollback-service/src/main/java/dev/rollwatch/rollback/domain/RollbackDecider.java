package dev.rollwatch.rollback.domain;

import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.RollbackPolicy;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.RollbackTriggered.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The one rollback decision of a release: what a degraded signal, an operator's abort or a manual
 * deadline does to it. Every input goes through here, so however many signals arrive, in whatever
 * order, a release gets at most one decision and one {@code rollback.triggered} (attempt 1).
 *
 * <ul>
 * <li>automatic: roll back at once;</li>
 * <li>manual: recommend a rollback and wait for an abort, rolling back anyway at the deadline;</li>
 * <li>freeze: hold the release (pause command) and alert; no rollback;</li>
 * <li>an operator's abort rolls back whatever the policy (a deliberate human decision overrides a
 * recommendation or a freeze), unless a rollback was already triggered or the release finished;</li>
 * <li>a signal for a release that finished, or that already has a decision, is only recorded.</li>
 * </ul>
 */
public final class RollbackDecider {

    private final DecisionSettings settings;

    public RollbackDecider(DecisionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * A {@code health.degraded} signal. When the release's request (and so its policy) is not known
     * yet, the signal waits for it until {@code receivedAt + unknownReleaseGrace}, then the default
     * policy applies: a breach is never dropped, and a freeze or manual policy is not overridden just
     * because its topic was consumed later.
     */
    public Outcome onDegraded(ReleaseFacts facts, Decision current, DegradedSignal signal, Instant now) {
        if (current != null) {
            return Outcome.recorded(alreadyDecided(current));
        }
        if (facts.finished()) {
            return Outcome.recorded("release already finished (" + facts.phase() + "); signal recorded only");
        }
        String assumption = "";
        if (!facts.requested()) {
            Instant due = signal.receivedAt().plus(settings.unknownReleaseGrace());
            if (now.isBefore(due)) {
                return Outcome.deferred(due, "release request not consumed yet; waiting for its rollback policy");
            }
            assumption = " (release request never seen: default policy " + policyName(settings.defaultPolicy()) + ")";
        }
        RollbackPolicy policy = facts.policyOr(settings.defaultPolicy());
        Decision.Builder base = Decision.builder(facts.releaseId())
                .policy(policy)
                .causeEventId(signal.eventId())
                .evidence(signal.evidence())
                .summary(signal.describe())
                .degradedAt(signal.detectedOrReceived())
                .decidedAt(now);
        return switch (policy) {
            case AUTOMATIC ->
                trigger(
                        facts,
                        base,
                        Reason.HEALTH_DEGRADED,
                        Notices.ACTOR,
                        signal.describe(),
                        now,
                        "rolled back at once (policy automatic)" + assumption);
            case MANUAL -> recommend(facts, base, signal, now, assumption);
            case FREEZE -> freeze(facts, base, signal, now, assumption);
        };
    }

    /** An operator's abort: the same decision, so it also yields exactly one rollback. */
    public Outcome onAbort(ReleaseFacts facts, Decision current, OperatorAbort abort, Instant now) {
        if (current != null && (current.status().rollbackTriggered() || current.status() == DecisionStatus.DISMISSED)) {
            return Outcome.recorded(alreadyDecided(current));
        }
        if (facts.finished()) {
            return Outcome.recorded("release already finished (" + facts.phase() + "); abort recorded only");
        }
        Decision.Builder base = current != null
                ? current.toBuilder()
                : Decision.builder(facts.releaseId())
                        .policy(facts.policyOr(settings.defaultPolicy()))
                        .summary(abort.describe())
                        .decidedAt(now);
        base.causeEventId(abort.eventId());
        String was = current == null ? "" : " (was " + current.status() + ")";
        // The message is the operator's reason: readers already say who aborted.
        return trigger(
                facts, base, Reason.MANUAL_ABORT, abort.requestedBy(), abort.reason(), now, abort.describe() + was);
    }

    /** Manual policy: nobody aborted before the deadline, so the recommendation becomes a rollback. */
    public Outcome onDecisionDeadline(ReleaseFacts facts, Decision current, Instant now) {
        if (current == null || current.status() != DecisionStatus.RECOMMENDED) {
            return Outcome.recorded("no recommendation awaits a decision");
        }
        if (now.isBefore(current.decisionDeadline())) {
            return Outcome.recorded("the decision deadline " + current.decisionDeadline() + " is not reached");
        }
        if (facts.finished()) {
            return dismiss(current, facts, now);
        }
        String message = "nobody decided within " + Notices.human(settings.decisionDeadline())
                + " of the recommendation: " + current.summary();
        return trigger(
                facts,
                current.toBuilder(),
                Reason.DECISION_DEADLINE,
                Notices.ACTOR,
                message,
                now,
                "rolled back at the manual-policy deadline");
    }

    /** A recommendation the release outran: it finished (e.g. promoted by an operator) before the deadline. */
    public Outcome dismiss(Decision current, ReleaseFacts facts, Instant now) {
        Decision dismissed = current.toBuilder()
                .status(DecisionStatus.DISMISSED)
                .note("release finished (" + facts.phase() + ") before anyone decided; recommendation withdrawn at "
                        + now)
                .build();
        return Outcome.updated(dismissed, dismissed.note(), List.of());
    }

    private Outcome trigger(
            ReleaseFacts facts,
            Decision.Builder base,
            Reason reason,
            String by,
            String message,
            Instant now,
            String note) {
        Decision decision = base.status(DecisionStatus.TRIGGERED)
                .reason(reason)
                .triggeredBy(by)
                .triggeredAt(now)
                .attempt(1)
                .lastTriggeredAt(now)
                .decisionDeadline(null)
                .verifyDueAt(now.plus(settings.verificationDeadline()))
                .nextCheckAt(now.plus(settings.checkInterval()))
                .note(note)
                .build();
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.Publish(triggered(decision, facts, message, now)));
        quarantineIfHealth(facts, decision, now, effects);
        return Outcome.decided(decision, note, effects);
    }

    /** The artifact is quarantined when the rollback was about its health (not an abort for other reasons). */
    private static void quarantineIfHealth(ReleaseFacts facts, Decision decision, Instant now, List<Effect> effects) {
        if (decision.hasHealthEvidence() && facts.image() != null) {
            effects.add(new Effect.Quarantine(
                    facts.releaseId(),
                    Artifact.of(facts.image()),
                    Notices.quarantined(facts.releaseId(), facts.image(), now)));
        }
    }

    private Outcome recommend(
            ReleaseFacts facts, Decision.Builder base, DegradedSignal signal, Instant now, String assumption) {
        Instant deadline = now.plus(settings.decisionDeadline());
        Decision decision = base.status(DecisionStatus.RECOMMENDED)
                .decisionDeadline(deadline)
                .note("rollback recommended; operators have until " + deadline + " (policy manual)" + assumption)
                .build();
        return Outcome.decided(
                decision,
                decision.note(),
                List.of(new Effect.Publish(
                        Notices.recommended(facts.releaseId(), signal.describe(), deadline, signal.evidence(), now))));
    }

    private Outcome freeze(
            ReleaseFacts facts, Decision.Builder base, DegradedSignal signal, Instant now, String assumption) {
        Decision decision = base.status(DecisionStatus.FROZEN)
                .note("frozen at the current weight and alerted; not rolled back (policy freeze)" + assumption)
                .build();
        return Outcome.decided(
                decision,
                decision.note(),
                List.of(
                        new Effect.Publish(Notices.pause(facts.releaseId(), signal.describe(), now)),
                        new Effect.Publish(Notices.frozen(
                                facts.releaseId(), signal.describe(), signal.canaryWeight(), signal.evidence(), now))));
    }

    /** The {@code rollback.triggered} of an attempt of {@code decision}. */
    static RollbackTriggered triggered(Decision decision, ReleaseFacts facts, String message, Instant now) {
        List<Evidence> evidence = decision.hasHealthEvidence() ? decision.evidence() : null;
        UUID cause = decision.causeEventId();
        return new RollbackTriggered(
                decision.releaseId(),
                decision.reason(),
                decision.policy(),
                now,
                decision.triggeredBy(),
                cause,
                evidence,
                facts.stable(),
                decision.attempt(),
                message == null || message.isBlank() ? null : Notices.truncate(message));
    }

    private static String alreadyDecided(Decision current) {
        return switch (current.status()) {
            case RECOMMENDED ->
                "a rollback is already recommended (deadline " + current.decisionDeadline() + "); signal recorded only";
            case FROZEN -> "release is frozen (policy freeze); signal recorded only";
            case DISMISSED -> "release finished before its recommendation was decided; signal recorded only";
            default ->
                "rollback already triggered at " + current.triggeredAt() + " (" + reasonName(current.reason())
                        + "); signal recorded only";
        };
    }

    static String policyName(RollbackPolicy policy) {
        return policy.name().toLowerCase();
    }

    private static String reasonName(Reason reason) {
        return switch (reason) {
            case HEALTH_DEGRADED -> "healthDegraded";
            case MANUAL_ABORT -> "manualAbort";
            case DECISION_DEADLINE -> "decisionDeadline";
        };
    }
}
