package dev.rollwatch.executor.service;

import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.executor.domain.Rollout;
import dev.rollwatch.executor.domain.StableSnapshot;
import dev.rollwatch.executor.domain.StepReport;
import dev.rollwatch.executor.domain.Work;
import dev.rollwatch.executor.kubernetes.StepFailure;
import dev.rollwatch.executor.persistence.RolloutEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Advances one due release by one piece of work: asks the state machine what is due, has the step
 * runner do it against Kubernetes (on a worker thread), and stores the outcome together with the
 * step events it produced, in the caller's transaction (the release's row is locked by it).
 */
@ApplicationScoped
public class RolloutDriver {

    private static final Logger LOG = Logger.getLogger(RolloutDriver.class);

    private final RolloutContexts contexts;
    private final StepRunner runner;
    private final StepEvents events;
    private final Clock clock;

    RolloutDriver(RolloutContexts contexts, StepRunner runner, StepEvents events, Clock clock) {
        this.contexts = contexts;
        this.runner = runner;
        this.events = events;
        this.clock = clock;
    }

    /** Does the release's due work; the returned steps are to be announced once the caller committed. */
    public Uni<StepEvents.Published> advance(RolloutEntity entity) {
        Instant now = clock.instant();
        RunContext ctx = contexts.of(entity);
        String storedStable = entity.stable;
        Rollout rollout = contexts.rollout(entity, ctx);
        Work work = rollout.next(now);
        Uni<List<StepReport>> outcome = perform(entity, ctx, rollout, work, now);
        return outcome.flatMap(reports -> {
            entity.apply(rollout.state(), now);
            // Most passes only find a step still waiting: nothing to publish, and the snapshot the
            // context holds is still the stored one unless this pass recorded or restored it.
            StableSnapshot stable = reports.isEmpty()
                    ? null
                    : Objects.equals(entity.stable, storedStable) ? ctx.stable() : RolloutContexts.stable(entity);
            return events.publish(entity.id, entity.stepCount, stable, reports);
        });
    }

    private Uni<List<StepReport>> perform(
            RolloutEntity entity, RunContext ctx, Rollout rollout, Work work, Instant now) {
        if (work instanceof Work.RecordStable) {
            return Blocking.call(() -> runner.record(ctx))
                    .map(snapshot -> {
                        entity.stable = EventJson.write(snapshot);
                        return rollout.recorded(snapshot.weights(), now);
                    })
                    .onFailure(StepFailure.class)
                    .recoverWithItem(f -> rollout.notStarted(f.getMessage(), now))
                    .onFailure(this::transientFailure)
                    .recoverWithItem(f -> {
                        entity.lastError = f.getMessage();
                        return rollout.recordInterrupted(String.valueOf(f.getMessage()), entity.createdAt, now);
                    });
        }
        if (work instanceof Work.Refuse refuse) {
            return Blocking.call(() -> runner.record(ctx))
                    .map(snapshot -> {
                        entity.stable = EventJson.write(snapshot);
                        return rollout.refused(snapshot.weights(), now);
                    })
                    // Refused either way; the stable state is only there to inform.
                    .onFailure()
                    .recoverWithItem(f -> rollout.notStarted(refuse.reason(), now));
        }
        if (work instanceof Work.Apply apply) {
            return step(entity, rollout, now, () -> runner.apply(ctx, apply.step()));
        }
        if (work instanceof Work.Check check) {
            return step(entity, rollout, now, () -> runner.check(ctx, check.step()));
        }
        if (work instanceof Work.AwaitVerdict) {
            return Uni.createFrom().item(rollout.awaitVerdict(now));
        }
        if (work instanceof Work.EndPause) {
            return Uni.createFrom().item(rollout.pauseEnded(now));
        }
        if (work instanceof Work.Restore) {
            return restore(entity, ctx, rollout, now);
        }
        LOG.debugf("Release %s was due but has nothing to do", entity.id);
        return Uni.createFrom().item(List.of());
    }

    private Uni<List<StepReport>> step(
            RolloutEntity entity,
            Rollout rollout,
            Instant now,
            java.util.concurrent.Callable<StepRunner.Outcome> work) {
        return Blocking.call(work)
                .map(outcome -> {
                    if (outcome instanceof StepRunner.Outcome.Done done) {
                        entity.lastError = null;
                        return rollout.stepDone(done.weights(), done.message(), now);
                    }
                    StepRunner.Outcome.Waiting waiting = (StepRunner.Outcome.Waiting) outcome;
                    entity.lastError = waiting.observed();
                    return rollout.stepWaiting(waiting.observed(), now);
                })
                .onFailure(StepFailure.class)
                .recoverWithItem(f -> {
                    entity.lastError = f.getMessage();
                    return rollout.stepFailed(f.getMessage(), now);
                })
                .onFailure(this::transientFailure)
                .recoverWithItem(interrupted(entity, rollout::stepInterrupted, now));
    }

    private Uni<List<StepReport>> restore(RolloutEntity entity, RunContext ctx, Rollout rollout, Instant now) {
        return Blocking.call(() -> {
                    // A release stopped before its stable state was recorded has changed nothing: read
                    // it now so the report says what is in place (the restore then writes nothing).
                    RunContext withStable = ctx.stable() != null ? ctx : ctx.withStable(runner.read(ctx));
                    return new Restored(withStable.stable(), runner.restore(withStable));
                })
                .map(restored -> {
                    entity.stable = EventJson.write(restored.stable());
                    entity.lastError = null;
                    return rollout.restored(restored.stable().weights(), restored.message(), now);
                })
                .onFailure(StepFailure.class)
                .recoverWithItem(f -> {
                    entity.lastError = f.getMessage();
                    return rollout.restoreFailed(f.getMessage(), now);
                })
                .onFailure(this::transientFailure)
                .recoverWithItem(interrupted(entity, rollout::restoreInterrupted, now));
    }

    private Function<Throwable, List<StepReport>> interrupted(
            RolloutEntity entity,
            java.util.function.BiFunction<String, Instant, List<StepReport>> onInterrupt,
            Instant now) {
        return f -> {
            LOG.warnf("Release %s: Kubernetes work interrupted, trying again: %s", entity.id, f.toString());
            entity.lastError = f.getMessage();
            return onInterrupt.apply(String.valueOf(f.getMessage()), now);
        };
    }

    /**
     * Anything but a permanent step failure is worth another try (API server away, 5xx, conflicts
     * that outlasted their retries); the step's deadline bounds how long.
     */
    private boolean transientFailure(Throwable failure) {
        return !(failure instanceof StepFailure);
    }

    private record Restored(StableSnapshot stable, String message) {}
}
