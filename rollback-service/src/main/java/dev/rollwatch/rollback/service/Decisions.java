package dev.rollwatch.rollback.service;

import dev.rollwatch.eventing.ReleaseLock;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.rollback.domain.Claim;
import dev.rollwatch.rollback.domain.Decision;
import dev.rollwatch.rollback.domain.DegradedSignal;
import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.InputEffect;
import dev.rollwatch.rollback.domain.OperatorAbort;
import dev.rollwatch.rollback.domain.Outcome;
import dev.rollwatch.rollback.domain.ReleaseFacts;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.domain.RestoreTracker;
import dev.rollwatch.rollback.domain.RollbackDecider;
import dev.rollwatch.rollback.persistence.DecisionInputEntity;
import dev.rollwatch.rollback.persistence.DecisionInputRepository;
import dev.rollwatch.rollback.persistence.DecisionRepository;
import dev.rollwatch.rollback.persistence.TrackedReleaseEntity;
import dev.rollwatch.rollback.persistence.TrackedReleaseRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs every input about a release's rollback through the domain under the release's lock, in the
 * caller's transaction: load what is known, decide, write the decision, its events and the input's
 * fate together.
 */
@ApplicationScoped
public class Decisions {

    private final TrackedReleaseRepository releases;
    private final DecisionRepository decisions;
    private final DecisionInputRepository inputs;
    private final OutcomeApplier applier;
    private final RollbackDecider decider;
    private final RestoreTracker tracker;
    private final Clock clock;

    Decisions(
            TrackedReleaseRepository releases,
            DecisionRepository decisions,
            DecisionInputRepository inputs,
            OutcomeApplier applier,
            RollbackDecider decider,
            RestoreTracker tracker,
            Clock clock) {
        this.releases = releases;
        this.decisions = decisions;
        this.inputs = inputs;
        this.applier = applier;
        this.decider = decider;
        this.tracker = tracker;
        this.clock = clock;
    }

    /** A {@code health.degraded}: decided now, or deferred until the release's request is known. */
    public Uni<Void> onDegraded(CloudEvent<HealthDegraded> event) {
        HealthDegraded health = event.data();
        Instant now = clock.instant();
        DegradedSignal signal = Inputs.signal(event.id(), health, now);
        return decideInput(
                event,
                DecisionInputEntity.Kind.HEALTH_DEGRADED,
                now,
                state -> decider.onDegraded(state.facts(), state.decision(), signal, now));
    }

    /** An operator's abort; other commands are the executor's. */
    public Uni<Void> onCommand(CloudEvent<ReleaseCommand> event) {
        ReleaseCommand command = event.data();
        if (command.command() != ReleaseCommand.Command.ABORT) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        OperatorAbort abort =
                new OperatorAbort(event.id(), command.requestedBy(), command.reason(), command.requestedAt());
        return decideInput(
                event,
                DecisionInputEntity.Kind.ABORT,
                now,
                state -> decider.onAbort(state.facts(), state.decision(), abort, now));
    }

    /** Decides on an input under the release's lock, and records the input with what it did. */
    private Uni<Void> decideInput(
            CloudEvent<? extends ReleaseEvent> event,
            DecisionInputEntity.Kind kind,
            Instant now,
            Function<State, Outcome> decide) {
        DecisionInputEntity input = Inputs.of(event, kind, now);
        return ReleaseLock.acquire(event.subject())
                .chain(() -> state(event.subject()))
                .chain(state -> {
                    Outcome outcome = decide.apply(state);
                    Inputs.record(input, outcome);
                    return inputs.persist(input).chain(() -> applier.apply(state.decision(), outcome, now));
                });
    }

    /** An executor step: the release's phase and stable state, and the confirmation of a restore. */
    public Uni<Void> onStep(CloudEvent<StepCompleted> event) {
        StepCompleted step = event.data();
        Instant now = clock.instant();
        String releaseId = event.subject();
        return ReleaseLock.acquire(releaseId)
                .chain(() -> releases.findById(releaseId))
                .chain(row -> {
                    TrackedReleaseEntity tracked = row != null ? row : Releases.newRow(releaseId, now);
                    ReleaseFacts facts =
                            TrackedReleaseRepository.toFacts(tracked).after(step);
                    TrackedReleaseRepository.copyProgress(facts, tracked);
                    tracked.updatedAt = now;
                    Uni<?> saved = row != null ? releases.flush() : releases.persist(tracked);
                    return saved.chain(() -> decisions.load(releaseId))
                            .chain(decision ->
                                    applier.apply(decision, tracker.onStep(facts, decision, step, now), now));
                });
    }

    /**
     * Decides the release's deferred signals, oldest first, now that its request is known or their
     * wait is over. Must run under the release's lock.
     */
    public Uni<Void> decideDeferred(String releaseId) {
        return inputs.deferred(releaseId).chain(waiting -> decideEach(releaseId, waiting, 0));
    }

    private Uni<Void> decideEach(String releaseId, List<DecisionInputEntity> waiting, int index) {
        if (index >= waiting.size()) {
            return Uni.createFrom().voidItem();
        }
        DecisionInputEntity input = waiting.get(index);
        Instant now = clock.instant();
        return state(releaseId).chain(state -> {
            DegradedSignal signal = Inputs.signal(input);
            Outcome outcome = decider.onDegraded(state.facts(), state.decision(), signal, now);
            if (outcome.inputEffect() == InputEffect.DEFERRED) {
                // Still waiting (and so are the younger ones).
                return Uni.createFrom().voidItem();
            }
            Inputs.record(input, outcome);
            return applier.apply(state.decision(), outcome, now).chain(() -> decideEach(releaseId, waiting, index + 1));
        });
    }

    /** The deferred signals of a release whose wait is over, in a transaction of the caller. */
    public Uni<Void> onDeferredDue(String releaseId) {
        return ReleaseLock.acquire(releaseId).chain(() -> decideDeferred(releaseId));
    }

    /** A manual-policy deadline that may have passed. */
    public Uni<Void> onDeadline(String releaseId) {
        Instant now = clock.instant();
        return ReleaseLock.acquire(releaseId)
                .chain(() -> state(releaseId))
                .chain(state -> applier.apply(
                        state.decision(), decider.onDecisionDeadline(state.facts(), state.decision(), now), now));
    }

    /**
     * What a read of the cluster found about the release's restore. The releases its objects are marked
     * for are looked up first: when each was requested decides whether it superseded this one.
     */
    public Uni<Void> onCheck(String releaseId, Finding finding) {
        Instant now = clock.instant();
        return ReleaseLock.acquire(releaseId)
                .chain(() -> withRequestTimes(finding))
                .chain(known -> state(releaseId)
                        .chain(state -> applier.apply(
                                state.decision(), tracker.onCheck(state.facts(), state.decision(), known, now), now)));
    }

    private Uni<Finding> withRequestTimes(Finding finding) {
        if (finding.claims().isEmpty()) {
            return Uni.createFrom().item(finding);
        }
        Set<String> ids = finding.claims().stream().map(Claim::releaseId).collect(Collectors.toSet());
        return releases.requested(ids)
                .map(known -> finding.withClaims(finding.claims().stream()
                        .map(c -> Optional.ofNullable(known.get(c.releaseId()))
                                .map(facts -> c.requested(
                                        facts.request().requestedAt(),
                                        RestoreTarget.of(facts)
                                                .map(RestoreTarget::workload)
                                                .orElse(null)))
                                .orElse(c))
                        .toList()));
    }

    /** What the service knows of a release, for reading outside a decision (e.g. to locate its objects). */
    public Uni<ReleaseFacts> facts(String releaseId) {
        return releases.facts(releaseId);
    }

    /** The facts and decision of a release, for reading outside a decision (e.g. to pick what to verify). */
    public Uni<State> state(String releaseId) {
        return releases.facts(releaseId)
                .chain(facts -> decisions.load(releaseId).map(decision -> new State(facts, decision)));
    }

    /** A release's facts with its decision (null when there is none). */
    public record State(ReleaseFacts facts, Decision decision) {}
}
