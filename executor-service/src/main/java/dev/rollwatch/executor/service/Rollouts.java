package dev.rollwatch.executor.service;

import dev.rollwatch.cluster.ReleaseObjects;
import dev.rollwatch.eventing.quarantine.Quarantines;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.HealthPassed;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.codec.MalformedEventException;
import dev.rollwatch.events.validation.ImageReference;
import dev.rollwatch.events.validation.ReleaseValidator;
import dev.rollwatch.executor.domain.Decision;
import dev.rollwatch.executor.domain.Plan;
import dev.rollwatch.executor.domain.Restore;
import dev.rollwatch.executor.domain.Rollout;
import dev.rollwatch.executor.domain.RolloutState;
import dev.rollwatch.executor.domain.RolloutStatus;
import dev.rollwatch.executor.domain.StepReport;
import dev.rollwatch.executor.persistence.RolloutEntity;
import dev.rollwatch.executor.persistence.RolloutRepository;
import dev.rollwatch.executor.traffic.Routers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What the executor does with the events it consumes: registers requested releases (the poller
 * then runs them), schedules restores on rollback decisions, and applies operator commands. Runs in
 * the consumer's transaction, with the release's row locked, so the change, its step events and the
 * inbox entry commit together. The poller holds that lock only for short transactions, never across
 * Kubernetes calls, so a consumer does not wait for a step in flight: its change raises the row's
 * version, which makes the poller discard the step's outcome, and a restore takes the step's lease
 * away so it starts at once ({@link dev.rollwatch.executor.domain.Lease}).
 */
@ApplicationScoped
public class Rollouts {

    private static final Logger LOG = Logger.getLogger(Rollouts.class);

    private final RolloutRepository rollouts;
    private final Quarantines quarantine;
    private final RolloutContexts contexts;
    private final Routers routers;
    private final DeploymentTurns turns;
    private final StepEvents events;
    private final Clock clock;

    Rollouts(
            RolloutRepository rollouts,
            Quarantines quarantine,
            RolloutContexts contexts,
            Routers routers,
            DeploymentTurns turns,
            StepEvents events,
            Clock clock) {
        this.rollouts = rollouts;
        this.quarantine = quarantine;
        this.contexts = contexts;
        this.routers = routers;
        this.turns = turns;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Registers a release; the poller records its stable state and runs its first step.
     *
     * @throws MalformedEventException when the request breaks the release rules (it is dead-lettered)
     */
    public Uni<Void> register(CloudEvent<ReleaseRequested> event) {
        ReleaseRequested request = event.data();
        Instant now = clock.instant();
        refuseInvalid(request, now);
        return rollouts.findForUpdate(request.releaseId()).flatMap(existing -> {
            if (existing != null && existing.status != RolloutStatus.AWAITING_REQUEST) {
                LOG.warnf(
                        "Release %s is already known (%s); request %s ignored",
                        request.releaseId(), existing.status, event.id());
                return Uni.createFrom().voidItem();
            }
            return turns.refusalOf(request)
                    .flatMap(refusal -> refusal != null
                            ? refuseAtOnce(existing, request, refusal, now)
                            : start(existing, request, now));
        });
    }

    /** Registers a release no other release of its Deployment stands in the way of. */
    private Uni<Void> start(RolloutEntity existing, ReleaseRequested request, Instant now) {
        return refusalOf(request).flatMap(refusal -> {
            RolloutEntity entity = existing != null ? existing : new RolloutEntity();
            entity.apply(arrived(entity, existing, request, refusal, now).state(), now);
            return existing == null
                    ? rollouts.persist(entity).replaceWithVoid()
                    : Uni.createFrom().voidItem();
        });
    }

    /**
     * The release's rollout now that its request arrived: a new one, or the one its early signals
     * (a rollback or command consumed first) created, which keeps them.
     */
    private Rollout arrived(
            RolloutEntity entity, RolloutEntity existing, ReleaseRequested request, String refusal, Instant now) {
        Plan plan = contexts.plan(request);
        describe(entity, request, plan, now);
        if (existing == null) {
            return new Rollout(plan, contexts.timing(request), RolloutState.requested(now, refusal));
        }
        Rollout rollout = new Rollout(plan, contexts.timing(request), existing.state());
        rollout.requestArrived(now, refusal);
        return rollout;
    }

    /**
     * Fails a release at once, without reading or changing anything: another release of the same
     * Deployment is in flight ({@link DeploymentTurns}).
     */
    private Uni<Void> refuseAtOnce(RolloutEntity existing, ReleaseRequested request, String reason, Instant now) {
        RolloutEntity entity = existing != null ? existing : new RolloutEntity();
        Rollout rollout = arrived(entity, existing, request, reason, now);
        List<StepReport> reports = rollout.refusedAtOnce(reason, now);
        entity.apply(rollout.state(), now);
        LOG.warnf("Release %s %s", request.releaseId(), reason);
        Uni<?> saved = existing != null ? Uni.createFrom().voidItem() : rollouts.persist(entity);
        // As in change(): the consumer commits after this returns, so the steps are announced last.
        return saved.chain(() -> events.publish(entity.id, entity.stepCount, null, reports))
                .invoke(events::announce)
                .replaceWithVoid();
    }

    /** The rollback-service's decision: stop advancing and restore the stable state. */
    public Uni<Void> rollback(CloudEvent<RollbackTriggered> event) {
        RollbackTriggered rollback = event.data();
        Restore.Kind kind =
                rollback.reason() == RollbackTriggered.Reason.MANUAL_ABORT ? Restore.Kind.ABORT : Restore.Kind.ROLLBACK;
        String reason = describe(rollback);
        Instant now = clock.instant();
        Restore restore = new Restore(kind, reason, Math.max(1, rollback.attempt()), now);
        return rollouts.findForUpdate(rollback.releaseId())
                .flatMap(turns::newerReleaseOf)
                .flatMap(newer -> change(
                        rollback.releaseId(),
                        event.id().toString(),
                        rollout -> rollout.rollbackRequested(restore, newer)));
    }

    /**
     * Pause, resume, promote and resolve (of a release whose restore failed); abort is the
     * rollback-service's (it becomes a rollback.triggered).
     */
    public Uni<Void> command(CloudEvent<ReleaseCommand> event) {
        ReleaseCommand command = event.data();
        if (command.command() == ReleaseCommand.Command.ABORT) {
            LOG.debugf(
                    "Release %s: abort is carried out by the rollback-service's rollback.triggered",
                    command.releaseId());
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        String note = command.command().name().toLowerCase() + " by " + command.requestedBy()
                + (command.reason() == null ? "" : ": " + command.reason());
        return change(command.releaseId(), event.id().toString(), rollout -> switch (command.command()) {
            case PAUSE -> rollout.pause(note, now);
            case RESUME -> rollout.resume(note, now);
            case PROMOTE -> rollout.promote(note, now);
            case RESOLVE -> rollout.resolve(note, now);
            case ABORT -> throw new IllegalStateException("handled above");
        });
    }

    /** The health monitor judged the new version HEALTHY at a weight: a step waiting for it goes on. */
    public Uni<Void> passed(CloudEvent<HealthPassed> event) {
        HealthPassed passed = event.data();
        Instant now = clock.instant();
        return change(
                passed.releaseId(),
                event.id().toString(),
                rollout -> rollout.verdictPassed(passed.canaryWeight(), passed.summary(), now));
    }

    private Uni<Void> change(String releaseId, String eventId, java.util.function.Function<Rollout, Decision> change) {
        Instant now = clock.instant();
        return rollouts.findForUpdate(releaseId).flatMap(found -> {
            if (found == null || found.status == RolloutStatus.AWAITING_REQUEST) {
                // Topics are consumed independently: this can overtake the release's request.
                RolloutEntity entity = found != null ? found : placeholder(releaseId, now);
                Rollout rollout = Rollout.beforeRequest(entity.state());
                Decision decision = change.apply(rollout);
                entity.apply(rollout.state(), now);
                LOG.infof(
                        "Release %s not requested yet: %s kept for when it is (%s)",
                        releaseId, eventId, decision.note());
                return found != null
                        ? Uni.createFrom().voidItem()
                        : rollouts.persist(entity).replaceWithVoid();
            }
            RunContext ctx = contexts.of(found);
            Rollout rollout = contexts.rollout(found, ctx);
            Decision decision = change.apply(rollout);
            if (!decision.applied()) {
                LOG.infof("Release %s: %s ignored: %s", releaseId, eventId, decision.note());
                return Uni.createFrom().voidItem();
            }
            LOG.infof("Release %s: %s", releaseId, decision.note());
            boolean restoreWasPending = found.restoreKind != null;
            found.apply(rollout.state(), now);
            if (found.restoreKind != null) {
                // A restore does not wait for a step in flight: it is due now and may be claimed at once.
                found.apply(found.lease().restoreScheduled(restoreWasPending, now));
            }
            // The consumer commits after this handler returns and offers no hook for after the commit,
            // so the steps are announced here, last: only a failing commit (retried by the consumer)
            // can announce them twice. The events themselves commit exactly once, with the inbox entry.
            return events.publish(found.id, found.stepCount, ctx.stable(), decision.reports())
                    .invoke(events::announce)
                    .replaceWithVoid();
        });
    }

    private void refuseInvalid(ReleaseRequested request, Instant now) {
        ReleaseValidator.requireValid(request, now);
        try {
            routers.forRelease(request);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("release request cannot be executed: " + e.getMessage());
        }
    }

    private Uni<String> refusalOf(ReleaseRequested request) {
        if (Boolean.TRUE.equals(request.quarantineOverride())) {
            return Uni.createFrom().nullItem();
        }
        return quarantine
                .findById(ImageReference.artifactIdentity(request.image()))
                .map(q -> q == null
                        ? null
                        : "artifact " + request.image() + " is quarantined: it was rolled back in release "
                                + q.releaseId
                                + (q.reason != null ? " (" + q.reason + ")" : "")
                                + "; set quarantineOverride to release it anyway");
    }

    private static void describe(RolloutEntity entity, ReleaseRequested request, Plan plan, Instant now) {
        entity.id = request.releaseId();
        entity.namespace = request.namespace();
        entity.request = EventJson.write(request);
        entity.stepCount = plan.size();
        entity.deployment = ReleaseObjects.stableDeployment(request);
        entity.registeredAt = now;
        if (entity.createdAt == null) {
            entity.createdAt = now;
        }
    }

    private static RolloutEntity placeholder(String releaseId, Instant now) {
        RolloutEntity entity = new RolloutEntity();
        entity.id = releaseId;
        entity.namespace = "";
        entity.createdAt = now;
        entity.apply(RolloutState.awaitingRequest(), now);
        return entity;
    }

    private static String describe(RollbackTriggered rollback) {
        String why = switch (rollback.reason()) {
            case HEALTH_DEGRADED -> "rolled back: health degraded";
            case MANUAL_ABORT -> "aborted by " + rollback.triggeredBy();
            case DECISION_DEADLINE -> "rolled back: nobody decided before the manual-policy deadline";
        };
        String attempt = rollback.attempt() > 1 ? " (attempt " + rollback.attempt() + ")" : "";
        return why + attempt + (rollback.message() != null ? ": " + rollback.message() : "");
    }
}
