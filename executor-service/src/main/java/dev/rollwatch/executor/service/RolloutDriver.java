package dev.rollwatch.executor.service;

import dev.rollwatch.executor.config.ExecutorConfig;
import dev.rollwatch.executor.domain.Lease;
import dev.rollwatch.executor.domain.Rollout;
import dev.rollwatch.executor.domain.StableSnapshot;
import dev.rollwatch.executor.domain.StepReport;
import dev.rollwatch.executor.domain.Work;
import dev.rollwatch.executor.persistence.RolloutEntity;
import dev.rollwatch.executor.persistence.RolloutRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Advances one due release by one piece of work, in up to two short transactions with the Kubernetes
 * work between them and no transaction open during it: {@link #claim} asks the state machine what is
 * due and either does it at once (nothing to call) or leases the release; {@link #record} then stores
 * the outcome with its step events, only if the release is still at the version the lease left it at.
 * Otherwise a consumer changed it meanwhile (rollback, command, verdict): the outcome is discarded,
 * the new state wins, and the next pass does what it asks for, against the cluster as it now is.
 */
@ApplicationScoped
public class RolloutDriver {

    private static final Logger LOG = Logger.getLogger(RolloutDriver.class);

    /** What claiming a release led to. */
    sealed interface Claimed {
        /** The work needed no Kubernetes call and is done; its steps are announced once committed. */
        record Done(StepEvents.Published published) implements Claimed {}

        /** The release is leased for Kubernetes work, to be done once this transaction committed. */
        record Leased(Claim claim) implements Claimed {}
    }

    private final RolloutContexts contexts;
    private final RolloutRepository repository;
    private final StepEvents events;
    private final ExecutorConfig config;
    private final Clock clock;
    /** This instance in lease owners (the pod's name where there is one), unique per start. */
    private final String instance = Objects.requireNonNullElse(System.getenv("HOSTNAME"), "executor") + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    private final AtomicLong claims = new AtomicLong();

    RolloutDriver(
            RolloutContexts contexts,
            RolloutRepository repository,
            StepEvents events,
            ExecutorConfig config,
            Clock clock) {
        if (config.leaseWriteMargin().compareTo(config.leaseDuration()) >= 0) {
            // Every write would be refused: releases would never move.
            throw new IllegalArgumentException("rollwatch.executor.lease-write-margin ("
                    + config.leaseWriteMargin() + ") must be shorter than rollwatch.executor.lease-duration ("
                    + config.leaseDuration() + ")");
        }
        this.contexts = contexts;
        this.repository = repository;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** In the caller's transaction, which locked the due release: does its work or leases it for Kubernetes. */
    public Uni<Claimed> claim(RolloutEntity entity) {
        Instant now = clock.instant();
        RunContext ctx = contexts.of(entity);
        Rollout rollout = contexts.rollout(entity, ctx);
        Work work = rollout.next(now);
        if (!KubernetesWork.calls(work)) {
            List<StepReport> reports = withoutKubernetes(rollout, work, now);
            entity.apply(rollout.state(), now);
            return events.publish(entity.id, entity.stepCount, ctx.stable(), reports)
                    .map(Claimed.Done::new);
        }
        String owner = instance + "#" + claims.incrementAndGet();
        Lease lease = entity.lease();
        boolean raced = work instanceof Work.Restore && lease.preemptedOutAt(now);
        entity.apply(lease.claimedBy(owner, now, config.leaseDuration()));
        // Flushed here so the version the outcome is checked against is the one this lease committed.
        return repository
                .flush()
                .map(flushed -> new Claimed.Leased(new Claim(
                        entity.id,
                        owner,
                        entity.version,
                        work,
                        ctx,
                        raced,
                        now.plus(config.leaseDuration()).minus(config.leaseWriteMargin()))));
    }

    private static List<StepReport> withoutKubernetes(Rollout rollout, Work work, Instant now) {
        if (work instanceof Work.AwaitVerdict) {
            return rollout.awaitVerdict(now);
        }
        if (work instanceof Work.EndPause) {
            return rollout.pauseEnded(now);
        }
        return List.of();
    }

    /**
     * In the caller's transaction: stores the Kubernetes work's outcome and its step events if the
     * release is still at the claim's version, and ends the lease. The returned steps are to be
     * announced once the caller committed.
     */
    public Uni<StepEvents.Published> record(Claim claim, Recording recording) {
        return repository.findForUpdate(claim.releaseId()).flatMap(entity -> {
            Instant now = clock.instant();
            if (entity == null || entity.version != claim.version()) {
                discard(entity, claim, now);
                return Uni.createFrom().item(StepEvents.Published.none(claim.releaseId()));
            }
            Lease lease = entity.lease().released(claim.owner());
            entity.apply(lease);
            if (claim.raced()) {
                // The step this restore pre-empted may have written after it: restore again once it ended.
                entity.dueAt = lease.rerunAt(now);
                LOG.infof(
                        "Release %s: restored while a pre-empted step could still write; restoring again at %s",
                        claim.releaseId(), entity.dueAt);
                return Uni.createFrom().item(StepEvents.Published.none(claim.releaseId()));
            }
            String storedStable = entity.stable;
            Rollout rollout = contexts.rollout(entity, claim.ctx());
            List<StepReport> reports = recording.applyTo(entity, rollout, now);
            entity.apply(rollout.state(), now);
            // Most passes only find a step still waiting: nothing to publish, and the snapshot the
            // context holds is still the stored one unless this pass recorded or restored it.
            StableSnapshot stable = reports.isEmpty()
                    ? null
                    : Objects.equals(entity.stable, storedStable)
                            ? claim.ctx().stable()
                            : RolloutContexts.stable(entity);
            return events.publish(entity.id, entity.stepCount, stable, reports);
        });
    }

    /**
     * The release changed while Kubernetes was called: the outcome is dropped. What this claim still
     * holds on the row ends: its lease, and, when a restore pre-empted it, the mark that its writes
     * may still land, so a restore waiting on that runs again now.
     */
    private void discard(RolloutEntity entity, Claim claim, Instant now) {
        LOG.infof(
                "Release %s: %s discarded: the release changed while Kubernetes was called (version %d, now %s)",
                claim.releaseId(),
                claim.work(),
                claim.version(),
                entity == null ? "gone" : String.valueOf(entity.version));
        if (entity == null) {
            return;
        }
        Lease held = entity.lease();
        Lease left = held.released(claim.owner()).preemptedEnded(claim.owner());
        if (left.equals(held)) {
            return; // nothing of this claim's is left: the row is not touched (its version stays)
        }
        entity.apply(left);
        if (entity.restoreKind != null
                && entity.dueAt != null
                && entity.dueAt.isAfter(now)
                && !left.preemptedOutAt(now)) {
            entity.dueAt = now;
        }
    }
}
