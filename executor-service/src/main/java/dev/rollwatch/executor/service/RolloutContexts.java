package dev.rollwatch.executor.service;

import dev.rollwatch.cluster.ReleaseObjects;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.WatchCoverage;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.validation.Durations;
import dev.rollwatch.executor.config.ExecutorConfig;
import dev.rollwatch.executor.domain.Plan;
import dev.rollwatch.executor.domain.Planner;
import dev.rollwatch.executor.domain.ReleaseTarget;
import dev.rollwatch.executor.domain.Rollout;
import dev.rollwatch.executor.domain.StableSnapshot;
import dev.rollwatch.executor.domain.Timing;
import dev.rollwatch.executor.persistence.RolloutEntity;
import dev.rollwatch.executor.traffic.Routers;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Rebuilds a release's plan, timing, target and router from its stored row. */
@ApplicationScoped
public class RolloutContexts {

    private final ExecutorConfig config;
    private final Routers routers;
    /** The installation's names, fixed at start: built once, not on every advance. */
    private final ReleaseObjects objects;

    RolloutContexts(ExecutorConfig config, Routers routers) {
        this.config = config;
        this.routers = routers;
        this.objects = new ReleaseObjects(config.canarySuffix(), config.previewSuffix(), config.trackLabel());
    }

    public RunContext of(RolloutEntity entity) {
        ReleaseRequested request = request(entity);
        return new RunContext(
                request,
                ReleaseTarget.of(request, objects),
                plan(request),
                timing(request),
                routers.forRelease(request),
                stable(entity));
    }

    public Rollout rollout(RolloutEntity entity, RunContext ctx) {
        return new Rollout(ctx.plan(), ctx.timing(), entity.state());
    }

    public Plan plan(ReleaseRequested request) {
        boolean watched = WatchCoverage.of(request.slo(), config.verdicts().defaultMetricSource())
                .watched();
        // A release may choose to advance on its timers while still watched (and rolled back on a breach).
        boolean proceeds = request.slo() != null && request.slo().whenUnjudgedOrDefault() == Slo.WhenUnjudged.PROCEED;
        return Planner.plan(request, config.scaleDownDelay(), config.rollingBakeTime())
                .withVerdicts(config.verdicts().required() && watched && !proceeds);
    }

    public Timing timing(ReleaseRequested request) {
        String deadline = request.strategy().stepDeadline();
        Duration stepDeadline = deadline != null ? Durations.require(deadline) : config.stepDeadline();
        return new Timing(stepDeadline, config.readinessCheckInterval(), config.retryDelay());
    }

    public static ReleaseRequested request(RolloutEntity entity) {
        return EventJson.read(entity.request, ReleaseRequested.class);
    }

    public static StableSnapshot stable(RolloutEntity entity) {
        return entity.stable == null ? null : EventJson.read(entity.stable, StableSnapshot.class);
    }
}
