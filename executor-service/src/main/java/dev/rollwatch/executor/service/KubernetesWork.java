package dev.rollwatch.executor.service;

import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.executor.domain.StableSnapshot;
import dev.rollwatch.executor.domain.Work;
import dev.rollwatch.executor.kubernetes.StepFailure;
import dev.rollwatch.executor.kubernetes.WriteFence;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * The Kubernetes side of a leased release: has the step runner do the work on a worker thread, with
 * no database transaction open, and turns what it found (or how it failed) into a {@link Recording}
 * for the state machine. Failures of the work are outcomes too: a permanent one fails the step, any
 * other is retried within the step's deadline. The work's writes are {@linkplain WriteFence fenced} by
 * its lease.
 */
@ApplicationScoped
public class KubernetesWork {

    private static final Logger LOG = Logger.getLogger(KubernetesWork.class);

    private final StepRunner runner;
    private final Clock clock;

    KubernetesWork(StepRunner runner, Clock clock) {
        this.runner = runner;
        this.clock = clock;
    }

    /** Whether the work calls Kubernetes (and so is leased); the rest is done in the claiming transaction. */
    static boolean calls(Work work) {
        return work instanceof Work.RecordStable
                || work instanceof Work.Refuse
                || work instanceof Work.Apply
                || work instanceof Work.Check
                || work instanceof Work.Restore;
    }

    Uni<Recording> perform(Claim claim) {
        RunContext ctx = claim.ctx();
        Work work = claim.work();
        if (work instanceof Work.RecordStable) {
            return record(claim);
        }
        if (work instanceof Work.Refuse refuse) {
            return refuse(claim, refuse);
        }
        if (work instanceof Work.Apply apply) {
            return step(claim, () -> runner.apply(ctx, apply.step()));
        }
        if (work instanceof Work.Check check) {
            return step(claim, () -> runner.check(ctx, check.step()));
        }
        if (work instanceof Work.Restore) {
            return restore(claim);
        }
        throw new IllegalArgumentException(work + " calls no Kubernetes");
    }

    private Uni<Recording> record(Claim claim) {
        return fenced(claim, () -> runner.record(claim.ctx()))
                .<Recording>map(snapshot -> (entity, rollout, now) -> {
                    entity.stable = EventJson.write(snapshot);
                    return rollout.recorded(snapshot.weights(), now);
                })
                .onFailure(StepFailure.class)
                .recoverWithItem(f -> (entity, rollout, now) -> rollout.notStarted(f.getMessage(), now))
                .onFailure(KubernetesWork::transientFailure)
                .recoverWithItem(f -> (entity, rollout, now) -> {
                    entity.lastError = f.getMessage();
                    return rollout.recordInterrupted(String.valueOf(f.getMessage()), entity.createdAt, now);
                });
    }

    private Uni<Recording> refuse(Claim claim, Work.Refuse refuse) {
        return fenced(claim, () -> runner.record(claim.ctx()))
                .<Recording>map(snapshot -> (entity, rollout, now) -> {
                    entity.stable = EventJson.write(snapshot);
                    return rollout.refused(snapshot.weights(), now);
                })
                // Refused either way; the stable state is only there to inform.
                .onFailure()
                .recoverWithItem(f -> (entity, rollout, now) -> rollout.notStarted(refuse.reason(), now));
    }

    private Uni<Recording> step(Claim claim, Callable<StepRunner.Outcome> work) {
        return fenced(claim, work)
                .<Recording>map(outcome -> (entity, rollout, now) -> {
                    if (outcome instanceof StepRunner.Outcome.Done done) {
                        entity.lastError = null;
                        return rollout.stepDone(done.weights(), done.message(), now);
                    }
                    StepRunner.Outcome.Waiting waiting = (StepRunner.Outcome.Waiting) outcome;
                    entity.lastError = waiting.observed();
                    return rollout.stepWaiting(waiting.observed(), now);
                })
                .onFailure(StepFailure.class)
                .recoverWithItem(f -> (entity, rollout, now) -> {
                    entity.lastError = f.getMessage();
                    return rollout.stepFailed(f.getMessage(), now);
                })
                .onFailure(KubernetesWork::transientFailure)
                .recoverWithItem(f -> interrupted(claim, f, false));
    }

    private Uni<Recording> restore(Claim claim) {
        RunContext ctx = claim.ctx();
        return fenced(claim, () -> {
                    // A release stopped before its stable state was recorded has changed nothing: read
                    // it now so the report says what is in place (the restore then writes nothing).
                    RunContext withStable = ctx.stable() != null ? ctx : ctx.withStable(runner.read(ctx));
                    return new Restored(withStable.stable(), runner.restore(withStable));
                })
                .<Recording>map(restored -> (entity, rollout, now) -> {
                    entity.stable = EventJson.write(restored.stable());
                    entity.lastError = null;
                    return rollout.restored(restored.stable().weights(), restored.message(), now);
                })
                .onFailure(StepFailure.class)
                .recoverWithItem(f -> (entity, rollout, now) -> {
                    entity.lastError = f.getMessage();
                    return rollout.restoreFailed(f.getMessage(), now);
                })
                .onFailure(KubernetesWork::transientFailure)
                .recoverWithItem(f -> interrupted(claim, f, true));
    }

    /** On a worker thread, with no transaction open, writing only while the claim's lease allows it. */
    private <T> Uni<T> fenced(Claim claim, Callable<T> work) {
        return Blocking.call(() -> WriteFence.within(claim.writeBy(), clock, work));
    }

    private static Recording interrupted(Claim claim, Throwable failure, boolean restore) {
        LOG.warnf("Release %s: Kubernetes work interrupted, trying again: %s", claim.releaseId(), failure.toString());
        String error = String.valueOf(failure.getMessage());
        return (entity, rollout, now) -> {
            entity.lastError = failure.getMessage();
            return restore ? rollout.restoreInterrupted(error, now) : rollout.stepInterrupted(error, now);
        };
    }

    /**
     * Anything but a permanent step failure is worth another try (API server away, 5xx, conflicts
     * that outlasted their retries); the step's deadline bounds how long.
     */
    private static boolean transientFailure(Throwable failure) {
        return !(failure instanceof StepFailure);
    }

    private record Restored(StableSnapshot stable, String message) {}
}
